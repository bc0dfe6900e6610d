// report on real runs of BlazeFace float32 and fp16 (a real conversion), with real latency records measured on this
// host: the JSON carries the variant table, compare metrics, latency matrix, gates, settings and lineage; it is
// reproducible byte for byte; the CSV parses back (RFC 4180); the HTML loads in Chromium with the network refused;
// the PDF is printed by Chromium and read back with PDF.js.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-shared/formats/run';
import { REPORT_VERSION, type ReportJson } from '../../../src-shared/types/report';
import { CSV_COLUMNS } from '../../../src-main/reports/csv-writer';
import { loadInChromium, parseCsv, pdfText } from '../reports/report-readers';
import { exists, tempEngine } from './helpers';

let t: Awaited<ReturnType<typeof tempEngine>>;
let base: RunSummary;
let half: RunSummary;
let halfId: string;
beforeAll(async () => {
  t = await tempEngine();
  const m = await t.engine.importModel({ source: 'blazeface-front' });
  const v = await t.engine.convertModel({ model: m.id, to: 'fp16' });
  halfId = v.variant.id;
  base = await t.engine.replay({ model: m.id, clip: 'cup', frames: 24 });
  half = await t.engine.replay({ model: v.variant.id, clip: 'cup', frames: 24 });
  await t.engine.benchModel({ model: m.id, runs: 3, warmup: 1 });
  await t.engine.benchModel({ model: v.variant.id, runs: 3, warmup: 1 });
}, 300_000);
afterAll(async () => {
  await t.cleanup();
});
const savedChromium = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedChromium;
});

describe('report (JSON)', () => {
  it('writes JSON into reports/<id>/report.json by run ids, first run = baseline', async () => {
    const r = await t.engine.report({ runs: [base.id, half.id], format: 'json', title: 'face fp16' });
    expect(r.files).toHaveLength(1);
    expect(r.files[0]).toMatch(new RegExp(`^${t.engine.workspace.dir}/reports/[a-z0-9-]+/report\\.json$`));
    const onDisk = JSON.parse(await fs.readFile(r.files[0], 'utf8')) as ReportJson;
    expect(onDisk.schema).toBe('edgelab.report');
    expect(onDisk.version).toBe(REPORT_VERSION);
    expect(onDisk.title).toBe('face fp16');
    expect(r.report.comparisons).toHaveLength(1);
    expect(r.report.comparisons[0].baselineRunId).toBe(base.id);
    expect(r.report.comparisons[0].variantRunId).toBe(half.id);
    expect(r.report.comparisons[0].f1).toBeGreaterThan(0.8);
    const man = await t.engine.workspace.read();
    expect(man.reports.map((x) => x.files[0])).toContain(r.files[0]);
  });

  it('carries the variant table, compare metrics, latency matrix, gates, settings and lineage', async () => {
    const { report: rep } = await t.engine.report({ runs: [base.id, half.id], format: 'json', out: join(t.dir, 'full.json') });
    expect(rep.source).toEqual({ kind: 'runs', runs: [base.id, half.id] });
    const [b, v] = rep.variants ?? [];
    expect(b.runId).toBe(base.id);
    expect(b.baselineRunId).toBeNull();
    expect(b.metrics).toBeNull();
    expect(v.runId).toBe(half.id);
    expect(v.baselineRunId).toBe(base.id);
    expect(v.modelId).toBe(halfId);
    expect(v.sizeRatio).toBeLessThan(0.7); // fp16 weights: about half the bytes
    expect(v.snrDb).toBeGreaterThan(30); // measured at conversion against float32
    const m = v.metrics!;
    expect(m.map50).toBeGreaterThan(0.8);
    expect(m.map50).toBeLessThanOrEqual(1);
    expect(m.idf1).toBeGreaterThan(0.5);
    expect(Object.keys(m.events).sort()).toEqual(['drift', 'extra', 'flicker', 'id-switch', 'missed']);
    // Same numbers as the engine's compare of the same pair.
    const c = await t.engine.compare({ baseline: base.id, variant: half.id });
    expect(m.map50).toBe(c.detection.map50);
    expect(m.hota).toBe(c.tracking.hota);
    expect(v.pass).toBe(c.verdict.pass);
    // Latency: the two host measurements, one column per model.
    expect(rep.latency?.cells.length).toBeGreaterThanOrEqual(2);
    expect(rep.latency?.variants).toContain(halfId);
    expect(rep.gates?.checks.length).toBe(c.verdict.checks.length);
    expect(rep.gates?.checks.every((k) => k.runId === half.id)).toBe(true);
    expect(rep.settings?.overlay.minScore).toBeTypeOf('number');
    const lin = rep.lineage?.find((l) => l.runId === half.id);
    expect(lin?.variant?.kind).toBe('fp16');
    expect(lin?.variant?.sourceSha256).toBe(rep.lineage?.find((l) => l.runId === base.id)?.modelSha256);
  });

  it('applies failOn gates to every variant and refuses an unknown gate metric before writing', async () => {
    const { report: rep } = await t.engine.report({ runs: [base.id, half.id], format: 'json', failOn: 'map50<1.01', out: join(t.dir, 'gated.json') });
    expect(rep.gates?.spec).toBe('map50<1.01');
    expect(rep.gates?.pass).toBe(false); // map50 ≤ 1 always holds the condition
    expect(rep.variants?.[1].pass).toBe(false);
    const out = join(t.dir, 'bad-gate.json');
    await expect(t.engine.report({ runs: [base.id, half.id], format: 'json', failOn: 'nosuch>1', out })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await exists(out)).toBe(false);
  });

  it('is reproducible: the same workspace gives the same JSON byte for byte apart from generatedAt', async () => {
    const a = join(t.dir, 'a.json');
    const b = join(t.dir, 'b.json');
    await t.engine.report({ runs: [base.id, half.id], format: 'json', out: a });
    await new Promise((r) => setTimeout(r, 5));
    await t.engine.report({ runs: [base.id, half.id], format: 'json', out: b });
    const [ta, tb] = [await fs.readFile(a, 'utf8'), await fs.readFile(b, 'utf8')];
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]+"/, '"generatedAt": ""');
    expect(ta).not.toBe(tb); // the stamps differ…
    expect(strip(ta)).toBe(strip(tb)); // …and nothing else
  });

  it('sweeps leftovers of killed report writes (dead process) beside its --out, keeps other files', async () => {
    const dir = join(t.dir, 'outs');
    await fs.mkdir(dir, { recursive: true });
    const leftover = join(dir, '.edgelab-tmp-999999999-r.json.0123456789ab');
    await fs.writeFile(leftover, 'half a report');
    await fs.writeFile(join(dir, 'keep.txt'), 'mine');
    await t.engine.report({ runs: [base.id, half.id], format: 'json', out: join(dir, 'r.json') });
    expect((await fs.readdir(dir)).sort()).toEqual(['keep.txt', 'r.json']);
  });

  it('refuses neither or both of runs and lab, and an unknown run, without writing', async () => {
    const out = join(t.dir, 'bad.json');
    await expect(t.engine.report({ format: 'json', out })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(t.engine.report({ runs: [base.id], lab: t.dir, format: 'json', out })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(t.engine.report({ runs: [base.id, join(t.dir, 'no-run')], format: 'json', out })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await exists(out)).toBe(false);
  });
});

describe('report (CSV)', () => {
  it('one row per variant × clip × device with every metric; parses back as RFC 4180', async () => {
    const out = join(t.dir, 'r.csv');
    const { report: rep } = await t.engine.report({ runs: [base.id, half.id], format: 'csv', out });
    const text = await fs.readFile(out, 'utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_COLUMNS);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const col = (name: string) => header.indexOf(name);
    // Each run was measured on this host once → one device row per run.
    expect(rows.map((r) => r[col('run_id')])).toEqual([base.id, half.id]);
    const v = rows[1];
    const vj = rep.variants![1];
    expect(v[col('device')]).toBe(rep.latency!.cells.find((c) => c.variant === halfId)!.device);
    expect(Number(v[col('device_latency_ms_mean')])).toBeGreaterThan(0);
    expect(Number(v[col('map50')])).toBe(vj.metrics!.map50);
    expect(Number(v[col('size_bytes')])).toBe(vj.sizeBytes);
    expect(Number(v[col('snr_db')])).toBe(vj.snrDb);
    expect(v[col('variant_kind')]).toBe('fp16');
    expect(rows[0][col('map50')]).toBe(''); // the baseline has no compare metrics
  });
});

describe('report (HTML and PDF through Chromium)', () => {
  it('HTML is self-contained: no external reference in the text, no request when Chromium loads it', async () => {
    const out = join(t.dir, 'r.html');
    await t.engine.report({ runs: [base.id, half.id], format: 'html', out, title: 'Face fp16' });
    const html = await fs.readFile(out, 'utf8');
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    for (const m of html.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(m[1]).toMatch(/^data:/);
    for (const m of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) expect(m[1]).toMatch(/^(data:|#)/);
    const page = await loadInChromium(out);
    expect(page.external).toEqual([]);
    expect(page.images).toBeGreaterThan(0); // key frames over embedded JPEGs
    expect(page.svgs).toBeGreaterThanOrEqual(8); // bar charts, line charts, heatmap, key frames
    for (const s of ['Verdict', 'Variants', 'Metric charts', 'Device latency', 'Key frames', 'Settings and lineage', 'Variant lineage', base.id, half.id]) {
      expect(page.text).toContain(s);
    }
  }, 120_000);

  it('PDF is the HTML printed by Chromium: pages counted, text extracted', async () => {
    const out = join(t.dir, 'r.pdf');
    const r = await t.engine.report({ runs: [base.id, half.id], format: 'pdf', out, title: 'Face fp16 PDF' });
    expect(r.format).toBe('pdf');
    const bytes = await fs.readFile(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const s of ['Face fp16 PDF', 'Verdict', 'Device latency', 'Key frames']) expect(text).toContain(s);
    expect(text.replace(/\s+/g, '')).toContain(half.id); // long ids wrap inside table cells
  }, 120_000);

  it('PDF without Chromium: UNSUPPORTED naming what to install before any work, nothing written', async () => {
    process.env.CHROMIUM_PATH = join(t.dir, 'no-chromium');
    const out = join(t.dir, 'none.pdf');
    const stages: string[] = [];
    await expect(t.engine.report({ runs: [base.id, half.id], format: 'pdf', out }, { onProgress: (p) => stages.push(p.stage) })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/apt-get install -y chromium/),
    });
    expect(stages).toEqual([]); // refused before reading a run
    expect(await exists(out)).toBe(false);
  });
});
