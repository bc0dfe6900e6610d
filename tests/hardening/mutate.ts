// Byte mutations for property-based fuzzing of readers: bit flips, truncation, splices (a slice of the file copied
// elsewhere, as a corrupt download or a bad merge would), random overwrite and deletion. Deterministic for a seed.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; from: number; len: number; to: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; len: number };

/**
 * Positions are fractions of the length in [0, 1) so one arbitrary fits files of any size. Unbiased: fast-check's
 * default bias toward small values would truncate most files to nothing.
 */
const frac = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((x) => x / 1_000_000);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: frac, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: frac }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('splice' as const), from: frac, len: fc.integer({ min: 1, max: 256 }), to: frac }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('overwrite' as const), at: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 64 }) }) },
);

/** 1–4 mutations applied in order. */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

export function mutate(src: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Uint8Array.from(src);
  for (const m of ms) {
    const pos = (f: number) => Math.floor(f * b.length);
    if (b.length === 0) break;
    switch (m.kind) {
      case 'flip':
        b[pos(m.at)] ^= 1 << m.bit;
        break;
      case 'truncate':
        b = b.slice(0, pos(m.at));
        break;
      case 'splice': {
        const from = pos(m.from);
        const piece = b.slice(from, from + m.len);
        const to = pos(m.to);
        const out = new Uint8Array(b.length + piece.length);
        out.set(b.subarray(0, to));
        out.set(piece, to);
        out.set(b.subarray(to), to + piece.length);
        b = out;
        break;
      }
      case 'overwrite':
        b.set(m.bytes.subarray(0, Math.max(0, b.length - pos(m.at))), pos(m.at));
        break;
      case 'delete': {
        const at = pos(m.at);
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + m.len)]);
        break;
      }
    }
  }
  return b;
}

/** Rejects when `p` takes longer than `ms`: a reader that hangs on a mutated file fails the property. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
