// The bad-input corpus manifest (tests/fixtures/bad/cases.json): each case names its file(s), the operation it
// goes through and the outcome it must give. Validated with zod so a typo in the manifest fails loudly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const BAD_DIR = join(import.meta.dirname, '..', 'fixtures', 'bad');

const errorCode = z.enum(['BAD_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'UNSUPPORTED']);

const fileCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** inspect = inspectModel · import = importModel · replay = replay(blazeface-front, clip) · importBench ·
   *  compareGt = compare(baseline, variant, gt = file) · runLab = runLab(spec = file). */
  op: z.enum(['inspect', 'import', 'replay', 'importBench', 'compareGt', 'runLab']),
  /** Path relative to tests/fixtures/bad/ (the one the message must name). */
  file: z.string().min(1),
  /** Expected error (with `message`), or absent when `ok` says the input must be handled. */
  code: errorCode.optional(),
  /** Regex (case-insensitive) the error message must match: the problem in words. */
  message: z.string().min(1).optional(),
  /** Hostile but legal input (replay only): must succeed with these properties. */
  ok: z.object({ minFrames: z.number().int(), maxFrames: z.number().int(), irregularPts: z.boolean().optional() }).optional(),
  why: z.string().min(1),
}).refine((c) => (c.ok ? !c.code && !c.message : !!c.code && !!c.message), { message: 'a case has either ok or code + message' });

const httpCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  op: z.literal('http'),
  request: z.object({
    method: z.string().default('POST'),
    path: z.string().startsWith('/'),
    contentType: z.string().default('application/json'),
    /** false = no Authorization header; 'wrong' = a wrong token of the right length. */
    auth: z.union([z.boolean(), z.literal('wrong')]).default(true),
    /** Raw body text, or `repeat` × `times` for size-limit cases (built at run time, never stored). */
    body: z.string().optional(),
    repeat: z.object({ text: z.string(), times: z.number().int().positive() }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  status: z.number().int(),
  /** Expected error code: in the JSON refusal (status ≠ 200) or in the NDJSON error line (200). */
  code: errorCode,
  message: z.string().min(1),
  why: z.string().min(1),
});

export type FileCase = z.infer<typeof fileCase>;
export type HttpCase = z.infer<typeof httpCase>;
export type BadCase = FileCase | HttpCase;

export function loadCases(): BadCase[] {
  const raw = JSON.parse(readFileSync(join(BAD_DIR, 'cases.json'), 'utf8')) as { cases: unknown[] };
  return raw.cases.map((c, i) => {
    const r = (c as { op?: string }).op === 'http' ? httpCase.safeParse(c) : fileCase.safeParse(c);
    if (!r.success) throw new Error(`cases.json case ${i}: ${r.error.message}`);
    return r.data;
  });
}
