// Labels file registry: format detected from content (cheap `match`, then `parse`), read into a Sequence over
// the run's frames. Frames after the last labelled frame are not scored (labels may cover part of a clip).
import { promises as fs } from 'node:fs';
import { EdgeLabError } from '../../src-shared/protocol';
import { matchCoco, parseCoco } from './ground-truth-coco';
import { matchMot, parseMot } from './ground-truth-mot';
import type { ObjBox, Sequence } from './sequence';
import { maxOf } from '../../src-shared/extent';

interface LabelsFormat {
  name: string;
  match(text: string): boolean;
  parse(text: string, file: string, width: number, height: number): Map<number, ObjBox[]>;
}

export const LABEL_FORMATS: readonly LabelsFormat[] = [
  { name: 'coco-json', match: matchCoco, parse: parseCoco },
  { name: 'mot-gt', match: matchMot, parse: parseMot },
];

/** Largest labels file read, bytes (128 MiB: a 200 000-frame MOT gt.txt with ~10 boxes a frame is ~80 MB);
 *  above it the text alone would approach V8's string limit and the parsed boxes several GB. */
export const MAX_LABELS_BYTES = 128 * 2 ** 20;

/** Reads a labels file against a run's frame grid (pts, size). `frames` = labelled span: last labelled frame + 1.
 *  `read` gives the file's text (the engine passes one that refuses FIFOs, devices and files above
 *  MAX_LABELS_BYTES with its own BAD_INPUT, which is passed on). */
export async function readLabels(
  file: string,
  grid: Sequence,
  read: (file: string) => Promise<string> = (f) => fs.readFile(f, 'utf8'),
): Promise<{ seq: Sequence; format: string }> {
  const text = await read(file).catch((e: unknown) => {
    if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') throw e;
    throw new EdgeLabError('BAD_INPUT', 'labels file missing or unreadable', file);
  });
  const fmt = LABEL_FORMATS.find((f) => f.match(text));
  if (!fmt) throw new EdgeLabError('BAD_INPUT', 'unknown labels format (expected MOTChallenge gt.txt or COCO-style JSON)', file);
  const byFrame = fmt.parse(text, file, grid.width, grid.height);
  const last = maxOf(byFrame.keys(), -1);
  if (last < 0) throw new EdgeLabError('BAD_INPUT', 'labels file holds no scorable box', file);
  const n = Math.min(last + 1, grid.frames.length);
  return {
    format: fmt.name,
    seq: { frames: Array.from({ length: n }, (_, i) => byFrame.get(i) ?? []), ptsMs: grid.ptsMs.slice(0, n), width: grid.width, height: grid.height },
  };
}
