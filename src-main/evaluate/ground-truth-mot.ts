// MOTChallenge ground truth (gt.txt): one box per line, `frame,id,left,top,width,height,conf,class,visibility`
// (frame 1-based, box in pixels; MOT15-style 7-10 column files with class −1 accepted, read as class 1 as TrackEval
// does for files without classes). Read as TrackEval's MOTChallenge loader reads MOT17 (docs/metrics.md):
// - a row whose conf truncates to 0 (TrackEval's `zero_marked = int(conf) == 0`, so 0.5 too) is not scored;
// - rows of a distractor class (2, 7, 8, 12) are not scored, and a prediction matched to one is removed;
// - the preset (src-shared/metrics/mot-classes.ts) says which classes are scored; other classes are not.
// Every row (scored or not) is kept in `rows` for the distractor matching, as TrackEval matches against all of them.
import type { LabelRow } from '../../src-shared/metrics/distractors';
import { MOT_DISTRACTOR_IDS, MOT_SCORED, type MotPreset } from '../../src-shared/metrics/mot-classes';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ObjBox } from './sequence';

/**
 * Cheap content check: the first non-empty line starts `<integer>,` (a frame number). Column count and numbers are
 * checked by `parseMot`, so a short or non-numeric row gets a line-level message rather than "unknown format".
 */
export function matchMot(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return !!first && /^\s*-?\d+\s*,[^{}\[\]]*$/.test(first);
}

/** Scored boxes and all rows by 0-based frame, normalised by the frame size (width × height pixels). */
export interface MotLabels {
  boxes: Map<number, ObjBox[]>;
  rows: Map<number, LabelRow[]>;
}

export function parseMot(text: string, file: string, width: number, height: number, preset: MotPreset = 'all'): MotLabels {
  const boxes = new Map<number, ObjBox[]>();
  const rows = new Map<number, LabelRow[]>();
  const push = <T>(m: Map<number, T[]>, k: number, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  const scored = MOT_SCORED[preset];
  text.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    const f = line.split(',').map((s) => Number(s.trim()));
    if (f.length < 7 || f.some((v) => !Number.isFinite(v))) {
      const bad = f.findIndex((v) => !Number.isFinite(v));
      const why = f.length < 7 ? `${f.length} fields` : `field ${bad + 1} is not a finite number`;
      throw new EdgeLabError('BAD_INPUT', `line ${k + 1}: expected frame,id,left,top,width,height,conf[,class,visibility] numbers (${why})`, file);
    }
    const [frame, id, l, t, w, h, conf] = f;
    if (!Number.isInteger(frame) || frame < 1) throw new EdgeLabError('BAD_INPUT', `line ${k + 1}: frame must be an integer ≥ 1`, file);
    if (!(w > 0 && h > 0)) throw new EdgeLabError('BAD_INPUT', `line ${k + 1}: box width and height must be > 0`, file);
    const classId = f.length >= 8 && f[7] !== -1 ? f[7] : 1;
    const c = (v: number) => Math.min(1, Math.max(0, v));
    const box: ObjBox['box'] = [c(l / width), c(t / height), c((l + w) / width), c((t + h) / height)];
    push(rows, frame - 1, { box, distractor: MOT_DISTRACTOR_IDS.includes(classId) });
    if (Math.trunc(conf) === 0) return;
    const cls = scored[classId];
    if (cls !== undefined) push(boxes, frame - 1, { id, box, score: 1, cls });
  });
  return { boxes, rows };
}
