// The HTML report on real runs: one self-contained file (no network, no script), with the table,
// SVG charts, key frames over embedded JPEGs, lineage, footer; every run-supplied string escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { buildReport, type ReportRunInput } from '../../../src-main/reports/build';
import { renderHtml } from '../../../src-main/reports/html-writer';
import { writeReportFile } from '../../../src-main/reports/write';
import { REPORT_VERSION } from '../../../src-shared/types/report';
import { makeRealRuns, type RealRuns } from './real-runs';

let fx: RealRuns;
beforeAll(async () => {
  fx = await makeRealRuns({ ssd: 'ssd-mobilenet-v2-coco', centernet: 'centernet-mobilenet-v3-coco' }, 6);
});
afterAll(async () => fx?.cleanup());

/** A copy of a run whose labels and names are hostile markup. */
function hostile(r: ReportRunInput): ReportRunInput {
  const file = structuredClone(r.file);
  file.model.name = '"><img src=x onerror=alert(1)>';
  file.clip.name = "clip'<b>";
  for (const f of file.frames) for (const d of f.detections) d.label = '<script>alert(1)</script>';
  return { file, dir: r.dir };
}

describe('renderHtml', () => {
  it('is one self-contained file: no remote src/href, no script, inline SVG and embedded JPEGs', async () => {
    const { ssd, centernet } = fx.runs;
    const html = renderHtml(await buildReport([ssd, centernet], { title: 'SSD vs CenterNet', generatedAt: '2026-01-01T00:00:00.000Z' }));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).toContain('<title>SSD vs CenterNet</title>');
    expect(html).toMatch(/<image href="data:image\/jpeg;base64,\/9j\//);
    expect((html.match(/<svg viewBox/g) ?? []).length).toBeGreaterThanOrEqual(3); // 2 charts + ≥1 key frame
    expect(html).toContain('#0072B2');
    expect(html).toContain('#E69F00');
    expect(html).toContain(ssd.file.model.sha256);
    expect(html).toContain(ssd.file.clip.sha256);
    expect(html).toContain(centernet.file.model.sha256);
    expect(html).toContain(`edgelab.report version ${REPORT_VERSION}`);
    expect(html).toContain('Precision');
  });

  it('escapes labels, names and paths', async () => {
    const html = renderHtml(await buildReport([hostile(fx.runs.ssd), hostile(fx.runs.centernet)], { title: '<script>t</script>' }));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain("clip'<b>");
    expect(html).toContain('&lt;script&gt;t&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    const labelled = fx.runs.ssd.file.frames.some((f) => f.detections.length > 0);
    if (labelled) expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('writeReportFile writes the rendered text atomically (no temp file left)', async () => {
    const report = await buildReport([fx.runs.ssd], { generatedAt: '2026-01-01T00:00:00.000Z' });
    const out = join(fx.scratch, 'out', 'report.html');
    expect(await writeReportFile(report, 'html', out)).toBe(out);
    expect(await fs.readFile(out, 'utf8')).toBe(renderHtml(report));
    expect(await fs.readdir(join(fx.scratch, 'out'))).toEqual(['report.html']);
  });
});
