// E2E helper: counts pixels of a given colour in a JPEG screenshot (jpeg-js decodes it).
import jpeg from 'jpeg-js';

/** Pixels whose R, G and B are each within `tol` of the #RRGGBB colour. */
export function countColour(jpegBytes: Uint8Array, hex: string, tol = 40): number {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const img = jpeg.decode(jpegBytes, { useTArray: true, formatAsRGBA: true });
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (Math.abs(img.data[i] - want[0]) <= tol && Math.abs(img.data[i + 1] - want[1]) <= tol && Math.abs(img.data[i + 2] - want[2]) <= tol) n++;
  }
  return n;
}
