// Report key frames draw labels by the UI's rule: inside the frame, never overprinting each other (baseline and
// variant labels placed together), the track id or nothing when crowded.
import { describe, expect, it } from 'vitest';
import { keyFrameFigure } from '../../../../src-main/reports/html/keyframes';
import type { KeyFrame, ReportJson } from '../../../../src-shared/types/report';
import type { Detection } from '../../../../src-shared/formats/run';

const W = 640;
const H = 480;
// A row of people across the frame: box i starts at x = 0.05 + 0.1 i (each label wider than its box).
const det = (i: number, dx: number): Detection =>
  ({ box: [0.05 + i * 0.1 + dx, 0.3 + (i % 3) * 0.02, 0.15 + i * 0.1 + dx, 0.6 + (i % 3) * 0.02], score: 0.5 + i / 100, label: 'person', classId: 0, source: 'detected', trackId: i + 1 }) as Detection;

describe('keyFrameFigure', () => {
  it('places baseline and variant labels together: inside the frame, no two overlapping, crowded ones shortened', () => {
    const report = { runs: [{ id: 'a', clip: { width: W, height: H }, model: { name: 'ssd', variantKind: 'fp32' } }, { id: 'b', clip: { width: W, height: H }, model: { name: 'ssd', variantKind: 'int8' } }] } as unknown as ReportJson;
    const k = { runId: 'b', frame: 3, ptsMs: 100, why: 'crowd', detections: Array.from({ length: 8 }, (_, i) => det(i, 0.01)), baselineDetections: Array.from({ length: 8 }, (_, i) => det(i, 0)) } as unknown as KeyFrame;
    const svg = keyFrameFigure(report, k);
    const font = Math.round(Math.max(12, W / 28));
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: +m[1]!, y: +m[2]!, text: m[3]! }));
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.length).toBeLessThan(16); // the crowd does not get 16 labels
    expect(texts.some((t) => /^#\d+$/.test(t.text))).toBe(true);
    const rect = (t: (typeof texts)[number]) => ({ x: t.x, y: t.y - font, w: t.text.length * font * 0.6, h: font });
    for (const t of texts) {
      const r = rect(t);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(-0.5);
      expect(r.x + r.w).toBeLessThanOrEqual(W + 0.5);
      expect(t.y).toBeLessThanOrEqual(H);
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const a = rect(texts[i]!);
        const b = rect(texts[j]!);
        expect(a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5, `${texts[i]!.text} / ${texts[j]!.text}`).toBe(false);
      }
    expect((svg.match(/<rect x=/g) ?? []).length).toBe(16); // every box is still drawn
  });
});
