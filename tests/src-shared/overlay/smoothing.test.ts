import { describe, expect, it } from 'vitest';
import { smoothTracks } from '../../../src-shared/overlay/smoothing';
import { det } from './helpers';

describe('smoothTracks', () => {
  it('is the identity at smoothing 0', () => {
    const f = [[det(1, 0.2)], [det(1, 0.6)]];
    expect(smoothTracks(f, 0)).toEqual(f);
  });
  it('moves a track’s corners by (1 − s) of the step per frame', () => {
    const out = smoothTracks([[det(1, 0.2)], [det(1, 0.6)], [det(1, 0.6)]], 0.5);
    expect(out[0]![0]!.box[0]).toBeCloseTo(0.1);
    expect(out[1]![0]!.box[0]).toBeCloseTo(0.3); // 0.5·0.1 + 0.5·0.5
    expect(out[2]![0]!.box[0]).toBeCloseTo(0.4);
    expect(out[2]![0]!.box[1]).toBeCloseTo(0.4); // unchanged corner stays
  });
  it('keeps tracks apart and leaves untracked boxes raw', () => {
    const out = smoothTracks([[det(1, 0.2), det(2, 0.8), det(undefined, 0.5)], [det(1, 0.2), det(2, 0.4), det(undefined, 0.3)]], 0.9);
    expect(out[1]![0]!.box[0]).toBeCloseTo(0.1);
    expect(out[1]![1]!.box[0]).toBeCloseTo(0.9 * 0.7 + 0.1 * 0.3);
    expect(out[1]![2]!.box[0]).toBeCloseTo(0.2);
  });
  it('restarts a track that was gone longer than resetAfterFrames', () => {
    const frames = [[det(1, 0.2)], [], [], [det(1, 0.8)]];
    expect(smoothTracks(frames, 0.9, 1)[3]![0]!.box[0]).toBeCloseTo(0.7);
    expect(smoothTracks(frames, 0.9, 5)[3]![0]!.box[0]).toBeCloseTo(0.9 * 0.1 + 0.1 * 0.7);
  });
});
