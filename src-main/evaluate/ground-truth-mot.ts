// MOTChallenge ground truth (gt.txt): one box per line, `frame,id,left,top,width,height,conf,class,visibility`
// (frame 1-based, box in pixels; MOT15-style 7-10 column files with class −1 accepted). Lines with conf 0 are
// "ignore" marks and are dropped, as TrackEval's zero_marked handling does. Class ids follow MOT17/MOT20.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ObjBox } from './sequence';

/** MOT17/20 class id → COCO label; other classes (distractors, occluders, static persons…) are not scored. */
const MOT_CLASSES: Record<number, string> = { [-1]: 'person', 1: 'person', 2: 'person', 3: 'car', 4: 'bicycle', 5: 'motorcycle' };

/**
 * Cheap content check: the first non-empty line starts `<integer>,` (a frame number). Column count and numbers are
 * checked by `parseMot`, so a short or non-numeric row gets a line-level message rather than "unknown format".
 */
export function matchMot(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return !!first && /^\s*-?\d+\s*,[^{}\[\]]*$/.test(first);
}

/** frames[i] = boxes on 0-based frame i, normalised by the frame size (width × height pixels). */
export function parseMot(text: string, file: string, width: number, height: number): Map<number, ObjBox[]> {
  const out = new Map<number, ObjBox[]>();
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
    if (conf === 0) return;
    const cls = MOT_CLASSES[f.length >= 8 ? f[7] : -1];
    if (cls === undefined) return;
    const c = (v: number) => Math.min(1, Math.max(0, v));
    const b: ObjBox = { id, box: [c(l / width), c(t / height), c((l + w) / width), c((t + h) / height)], score: 1, cls };
    const list = out.get(frame - 1) ?? [];
    list.push(b);
    out.set(frame - 1, list);
  });
  return out;
}
