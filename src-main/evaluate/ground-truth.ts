// Labels file registry: format detected from content (cheap `match`, then `parse`), read into a Sequence over
// the run's frames. Frames after the last labelled frame are not scored (labels may cover part of a clip).
import { promises as fs } from 'node:fs';
import type { LabelRow } from '../../src-shared/metrics/distractors';
import { MOT_PREDICTIONS, type MotPreset } from '../../src-shared/metrics/mot-classes';
import { EdgeLabError } from '../../src-shared/protocol';
import { matchCoco, parseCoco } from './ground-truth-coco';
import { matchMot, parseMot } from './ground-truth-mot';
import type { ObjBox, Sequence } from './sequence';
import { maxOf } from '../../src-shared/extent';

/** What a labels format reads: scored boxes by 0-based frame, and (MOT) every row for the distractor matching. */
interface Parsed {
  boxes: Map<number, ObjBox[]>;
  rows?: Map<number, LabelRow[]>;
}

interface LabelsFormat {
  name: string;
  match(text: string): boolean;
  parse(text: string, file: string, width: number, height: number, motClasses: MotPreset): Parsed;
  /** The format reads MOTChallenge classes (the `motClasses` preset applies). */
  mot?: true;
}

export const LABEL_FORMATS: readonly LabelsFormat[] = [
  { name: 'coco-json', match: matchCoco, parse: (text, file, w, h) => ({ boxes: parseCoco(text, file, w, h) }) },
  { name: 'mot-gt', match: matchMot, parse: parseMot, mot: true },
];

export interface Labels {
  /** `frames` = labelled span: last labelled frame + 1 (at most the grid's length). */
  seq: Sequence;
  format: string;
  /** MOT files: the class preset they were read with. */
  motClasses?: MotPreset;
  /** Prediction labels scored against these labels (null = all; evaluate/against-labels.ts). */
  predictions: readonly string[] | null;
}

/** Largest labels file read, bytes (128 MiB: a 200 000-frame MOT gt.txt with ~10 boxes a frame is ~80 MB);
 *  above it the text alone would approach V8's string limit and the parsed boxes several GB. */
export const MAX_LABELS_BYTES = 128 * 2 ** 20;

/** Reads a labels file against a run's frame grid (pts, size). `opts.read` gives the file's text (the engine
 *  passes one that refuses FIFOs, devices and files above MAX_LABELS_BYTES with its own BAD_INPUT, passed on). */
export async function readLabels(
  file: string,
  grid: Sequence,
  opts: { motClasses?: MotPreset; read?: (file: string) => Promise<string> } = {},
): Promise<Labels> {
  const read = opts.read ?? ((f: string) => fs.readFile(f, 'utf8'));
  const text = await read(file).catch((e: unknown) => {
    if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') throw e;
    throw new EdgeLabError('BAD_INPUT', 'labels file missing or unreadable', file);
  });
  const fmt = LABEL_FORMATS.find((f) => f.match(text));
  if (!fmt) throw new EdgeLabError('BAD_INPUT', 'unknown labels format (expected MOTChallenge gt.txt or COCO-style JSON)', file);
  const preset = opts.motClasses ?? 'all';
  const { boxes, rows } = fmt.parse(text, file, grid.width, grid.height, preset);
  const last = maxOf(boxes.keys(), -1);
  if (last < 0) throw new EdgeLabError('BAD_INPUT', 'labels file holds no scorable box', file);
  const n = Math.min(last + 1, grid.frames.length);
  const range = <T>(m: Map<number, T[]>) => Array.from({ length: n }, (_, i) => m.get(i) ?? []);
  return {
    format: fmt.name,
    ...(fmt.mot ? { motClasses: preset } : {}),
    predictions: fmt.mot ? MOT_PREDICTIONS[preset] : null,
    seq: { frames: range(boxes), ptsMs: grid.ptsMs.slice(0, n), width: grid.width, height: grid.height, ...(rows ? { labelRows: range(rows) } : {}) },
  };
}
