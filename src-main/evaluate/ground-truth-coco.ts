// COCO-style labels JSON: { images: [{ id, frame_index? }], annotations: [{ image_id, bbox: [x,y,w,h] px,
// category_id, track_id? }], categories: [{ id, name }], width?/height? per image }. An image's frame is its
// `frame_index` (0-based) when given, else its rank by id. Object id = track_id (video datasets such as TAO /
// YouTube-VIS style), else the annotation id (then every box is its own object: tracking scores are not meaningful).
import { z } from 'zod';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ObjBox } from './sequence';

const schema = z.object({
  images: z.array(z.object({ id: z.number(), frame_index: z.number().int().min(0).optional() }).loose()),
  annotations: z.array(
    z
      .object({
        id: z.number().optional(),
        image_id: z.number(),
        bbox: z.tuple([z.number(), z.number(), z.number().min(0), z.number().min(0)]),
        category_id: z.number(),
        track_id: z.number().optional(),
      })
      .loose(),
  ),
  categories: z.array(z.object({ id: z.number(), name: z.string() }).loose()),
});

export function matchCoco(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"annotations"');
}

export function parseCoco(text: string, file: string, width: number, height: number): Map<number, ObjBox[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `not valid JSON (${(e as Error).message})`, file);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new EdgeLabError('BAD_INPUT', `COCO labels malformed at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`, file);
  }
  const { images, annotations, categories } = r.data;
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const byRank = [...images].sort((a, b) => a.id - b.id);
  const frameOf = new Map(byRank.map((im, rank) => [im.id, im.frame_index ?? rank]));
  const out = new Map<number, ObjBox[]>();
  annotations.forEach((a, k) => {
    const frame = frameOf.get(a.image_id);
    if (frame === undefined) throw new EdgeLabError('BAD_INPUT', `annotations[${k}]: image_id ${a.image_id} is not in images`, file);
    const cls = names.get(a.category_id);
    if (cls === undefined) throw new EdgeLabError('BAD_INPUT', `annotations[${k}]: category_id ${a.category_id} is not in categories`, file);
    const [x, y, w, h] = a.bbox;
    const c = (v: number) => Math.min(1, Math.max(0, v));
    const list = out.get(frame) ?? [];
    list.push({ id: a.track_id ?? a.id ?? -(k + 1), box: [c(x / width), c(y / height), c((x + w) / width), c((y + h) / height)], score: 1, cls });
    out.set(frame, list);
  });
  return out;
}
