import { describe, expect, it } from 'vitest';
import { boxToPixels, detectionLabel, errorText, formatBytes, isCancelled, progressPercent, progressText } from '../../../src-renderer/lib/format';
import { EdgeLabError } from '../../../src-shared/protocol';

describe('renderer formatting', () => {
  it('progressPercent prefers fraction, falls back to done/total, clamps, and is null when unknown', () => {
    expect(progressPercent({ stage: 's', fraction: 0.256 })).toBe(26);
    expect(progressPercent({ stage: 's', done: 3, total: 12 })).toBe(25);
    expect(progressPercent({ stage: 's', fraction: 1.7 })).toBe(100);
    expect(progressPercent({ stage: 's' })).toBeNull();
    expect(progressPercent(null)).toBeNull();
  });
  it('progressText names stage, count and unit', () => {
    expect(progressText({ stage: 'replay', done: 4, total: 10, unit: 'frames' })).toBe('replay 4/10 frames');
    expect(progressText({ stage: 'load' })).toBe('load');
  });
  it('boxToPixels maps normalised x1,y1,x2,y2 to a pixel rect', () => {
    expect(boxToPixels([0.25, 0.5, 0.75, 1], 640, 480)).toEqual({ x: 160, y: 240, width: 320, height: 240 });
  });
  it('labels and sizes', () => {
    expect(detectionLabel({ box: [0, 0, 1, 1], score: 0.876, classId: 1, label: 'face', source: 'detected', trackId: 3 })).toBe('face 0.88 #3');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(6_900_000)).toBe('6.9 MB');
    expect(formatBytes(undefined)).toBe('–');
  });
  it('errors in words keep the code; CANCELLED is recognised', () => {
    const e = new EdgeLabError('BAD_INPUT', 'not a model', '/x/y.onnx');
    expect(errorText(e)).toBe('BAD_INPUT: /x/y.onnx: not a model');
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(isCancelled(new EdgeLabError('CANCELLED', 'cancelled'))).toBe(true);
    expect(isCancelled(e)).toBe(false);
  });
});
