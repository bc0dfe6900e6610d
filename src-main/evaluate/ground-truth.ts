// Labels file registry: format detected from content (cheap `match`, then `parse`), read into a Sequence over
// the run's frames. Frames after the last labelled frame are not scored (labels may cover part of a clip).
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../src-shared/protocol';
import { matchCoco, parseCoco } from './ground-truth-coco';
import { matchMot, parseMot } from './ground-truth-mot';
import type { ObjBox, Sequence } from './sequence';

interface LabelsFormat {
  name: string;
  match(text: string): boolean;
  parse(text: string, file: string, width: number, height: number): Map<number, ObjBox[]>;
}

export const LABEL_FORMATS: readonly LabelsFormat[] = [
  { name: 'coco-json', match: matchCoco, parse: parseCoco },
  { name: 'mot-gt', match: matchMot, parse: parseMot },
];

/** Reads a labels file against a run's frame grid (pts, size). `frames` = labelled span: last labelled frame + 1. */
export async function readLabels(file: string, grid: Sequence): Promise<{ seq: Sequence; format: string }> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new EdgeLabError('BAD_INPUT', 'labels file missing or unreadable', file);
  });
  const fmt = LABEL_FORMATS.find((f) => f.match(text));
  if (!fmt) throw new EdgeLabError('BAD_INPUT', 'unknown labels format (expected MOTChallenge gt.txt or COCO-style JSON)', file);
  const byFrame = fmt.parse(text, file, grid.width, grid.height);
  const last = Math.max(-1, ...byFrame.keys());
  if (last < 0) throw new EdgeLabError('BAD_INPUT', 'labels file holds no scorable box', file);
  const n = Math.min(last + 1, grid.frames.length);
  return {
    format: fmt.name,
    seq: { frames: Array.from({ length: n }, (_, i) => byFrame.get(i) ?? []), ptsMs: grid.ptsMs.slice(0, n), width: grid.width, height: grid.height },
  };
}
