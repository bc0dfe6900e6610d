// Largest / smallest of a data-sized list of numbers. `Math.max(...xs)` passes every element as an argument and
// overflows the stack above ~120 000 elements (a 200 000-frame labels file, a 150 000-run profile): loop instead.
// Same results as Math.max/Math.min: `empty` (default −Infinity for max, +Infinity for min) when there is no value,
// NaN as soon as one value is NaN.

/** Largest value of `xs`, or `empty` when `xs` holds none. */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let m = empty;
  let any = false;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (!any || x > m) m = x;
    any = true;
  }
  return m;
}

/** Smallest value of `xs`, or `empty` when `xs` holds none. */
export function minOf(xs: Iterable<number>, empty = Infinity): number {
  let m = empty;
  let any = false;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (!any || x < m) m = x;
    any = true;
  }
  return m;
}
