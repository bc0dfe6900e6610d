import { describe, expect, it } from 'vitest';
import { buildOverlay } from '../../../src-shared/overlay/pipeline';
import { overlaySettingsSchema } from '../../../src-shared/types/settings';
import { det } from './helpers';

const frames = [0, 1, 2, 3, 4, 5].map((i) => ({ index: i, ptsMs: i * 100, detections: i === 3 ? [] : [det(1, 0.2 + i * 0.05, 0.8), det(2, 0.7, 0.2)] }));

describe('buildOverlay', () => {
  it('filters by score, holds the lost track across the gap and fills the label', () => {
    const s = overlaySettingsSchema.parse({ minScore: 0.5, persistMs: 150, labelTemplate: '{label} #{id}' });
    const out = buildOverlay(frames, s);
    expect(out.map((f) => f.boxes.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(out[3]!.boxes[0]!.held).toBe(true);
    expect(out[2]!.boxes[0]!.text).toBe('cup #1');
    expect(out.every((f) => !f.guide)).toBe(true);
  });
  it('delays boxes by the device latency and shows the guide while nothing has arrived', () => {
    const s = overlaySettingsSchema.parse({ minScore: 0.5, persistMs: 0, guideAfterMs: 100 });
    const out = buildOverlay(frames, s, { latencyMs: 200 });
    expect(out.map((f) => f.sourceFrame)).toEqual([null, null, 0, 1, 2, 3]);
    expect(out.map((f) => f.boxes.length)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(out[1]!.guide).toBe(true);
    expect(out[4]!.boxes[0]!.box[0]).toBeCloseTo(frames[2]!.detections[0]!.box[0]);
  });
});
