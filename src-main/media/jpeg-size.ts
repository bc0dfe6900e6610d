// Width and height of a JPEG from its frame header (SOFn marker), without decoding the image. Hand-written:
// jpeg-js (our decoder) has no header-only API, and decoding a whole thumbnail just for its size made every
// frame seek pay a full decode. Layout (ITU T.81 B.1): FFD8, then segments FFxx + 2-byte big-endian length
// (length includes itself); SOFn = FFC0..FFCF except C4 (DHT), C8 (JPG), CC (DAC); its payload is
// precision (1 byte), height (2), width (2).
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (len < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > bytes.length) return null;
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any frame header
    i += 2 + len;
  }
  return null;
}
