// Concatenation of typed arrays (one copy of the loop the transforms and validation need).
type Typed = Uint8Array | Float32Array | Int32Array;

/** One array holding `parts` back to back; `ctor` picks the element type (e.g. Uint8Array). */
export function concatTyped<T extends Typed>(parts: readonly T[], ctor: new (length: number) => T): T {
  const out = new ctor(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p as never, o);
    o += p.length;
  }
  return out;
}
