// The one run name: `<model name> · <kind> · <clip>`; repeated names get #2, #3 in list order.
import { describe, expect, it } from 'vitest';
import { distinctRunNames, runName } from '../../src-shared/run-name';

const run = (name: string, variantKind: string, clip: string) => ({ model: { name, variantKind }, clip: { name: clip } });

describe('runName', () => {
  it('names the model, the variant kind and the clip', () => {
    expect(runName(run('BlazeFace front', 'fp16', 'cup.mp4'))).toBe('BlazeFace front · fp16 · cup.mp4');
  });
  it('tells repeated names apart by their order, the first keeping the bare name', () => {
    expect(distinctRunNames([run('A', 'fp16', 'c'), run('A', 'fp32', 'c'), run('A', 'fp16', 'c'), run('A', 'fp16', 'c')])).toEqual(['A · fp16 · c', 'A · fp32 · c', 'A · fp16 · c #2', 'A · fp16 · c #3']);
  });
});
