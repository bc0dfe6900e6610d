// The zip archive a .tflite with TFLite Metadata carries after its FlatBuffer (the metadata populator appends the
// associated files, e.g. labels.txt, as a zip; the FlatBuffer ignores trailing bytes and the zip readers find
// the end-of-central-directory record at the end). Reader: EOCD → central directory → local headers, entries
// STORED (0) or DEFLATED (8, node:zlib inflateRawSync), every offset and size checked against the file (a bad
// one is BAD_INPUT naming the file). Offsets may be relative to the file or to the zip's own start (Python's
// zipfile appending to a non-zip file): the gap between where the central directory is and where it says it is
// is added to every offset, as minizip does. Writer: STORED entries, offsets relative to the file start.
// Layout: PKWARE APPNOTE.TXT 4.3 (little endian; no zip64, no encryption).
import { crc32, inflateRawSync } from 'node:zlib';
import { EdgeLabError } from '../../../../src-shared/protocol';

/** Largest entry EdgeLab inflates (bytes): label files are kilobytes; a "zip bomb" stops here. */
export const MAX_ENTRY_BYTES = 64 << 20;
/** Most entries read from one archive. */
export const MAX_ENTRIES = 1024;

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const EOCD_MIN = 22;

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Position of the end-of-central-directory record, or -1 (no zip: the last 22 + 65535 bytes hold none). */
function findEocd(v: DataView): number {
  const stop = Math.max(0, v.byteLength - EOCD_MIN - 0xffff);
  for (let p = v.byteLength - EOCD_MIN; p >= stop; p--) {
    if (v.getUint32(p, true) === EOCD_SIG && p + EOCD_MIN + v.getUint16(p + 20, true) === v.byteLength) return p;
  }
  return -1;
}

/** The files of the zip at the end of `bytes`; [] when there is none. `minStart`: the zip cannot begin before this
 *  byte (the FlatBuffer's own bytes), so an EOCD signature inside the model is not taken for one. */
export function readZipTail(bytes: Uint8Array, file: string, minStart = 0): ZipEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length >= EOCD_MIN ? findEocd(v) : -1;
  if (eocd < 0 || eocd < minStart) return [];
  const bad = (what: string): never => {
    throw new EdgeLabError('BAD_INPUT', `corrupt zip archive after the TFLite model (associated files): ${what}`, file);
  };
  const count = v.getUint16(eocd + 10, true);
  const cdSize = v.getUint32(eocd + 12, true);
  const cdOffset = v.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) bad(`${count} entries (at most ${MAX_ENTRIES} read)`);
  if (cdSize > eocd) bad(`central directory of ${cdSize} bytes before byte ${eocd}`);
  const cdStart = eocd - cdSize;
  const base = cdStart - cdOffset; // bytes before the zip's own start (0 when offsets are relative to the file)
  if (base < 0) bad(`central directory offset ${cdOffset} points past the end-of-directory record at byte ${eocd}`);
  const need = (at: number, n: number, what: string) => {
    if (!(at >= 0 && at + n <= bytes.length)) bad(`${what} at byte ${at} (+${n}) lies outside the ${bytes.length}-byte file`);
  };
  const out: ZipEntry[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    need(p, 46, `central directory entry ${i}`);
    if (v.getUint32(p, true) !== CEN_SIG) bad(`central directory entry ${i} at byte ${p} has no signature`);
    const method = v.getUint16(p + 10, true);
    const csize = v.getUint32(p + 20, true);
    const usize = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const local = base + v.getUint32(p + 42, true);
    need(p + 46, nameLen, `name of entry ${i}`);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue; // a directory
    if (usize > MAX_ENTRY_BYTES || csize > MAX_ENTRY_BYTES) bad(`entry '${name}' of ${Math.max(usize, csize)} bytes (at most ${MAX_ENTRY_BYTES})`);
    need(local, 30, `local header of '${name}'`);
    if (v.getUint32(local, true) !== LOC_SIG) bad(`local header of '${name}' at byte ${local} has no signature`);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    need(start, csize, `data of '${name}'`);
    const raw = bytes.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) data = new Uint8Array(raw); // a copy, a plain Uint8Array even when `bytes` is a Buffer
    else if (method === 8) {
      try {
        data = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) }));
      } catch (e) {
        bad(`entry '${name}' does not inflate (${(e as Error).message})`);
      }
    } else bad(`entry '${name}' uses compression method ${method} (STORED or DEFLATED read)`);
    if (data!.length !== usize) bad(`entry '${name}' holds ${data!.length} bytes, its header says ${usize}`);
    out.push({ name, data: data! });
  }
  return out;
}

/** A zip archive of `entries`, STORED, whose offsets count from byte `at` of the file it is appended to (pass the
 *  length of the bytes before it, so plain zip readers and minizip agree). */
export function storedZip(entries: ZipEntry[], at: number): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const cens: Uint8Array[] = [];
  let off = at;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = crc32(e.data) >>> 0;
    const loc = new Uint8Array(30 + name.length);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, LOC_SIG, true);
    lv.setUint16(4, 10, true); // version needed 1.0
    lv.setUint16(8, 0, true); // STORED
    lv.setUint16(12, 0x21, true); // DOS date 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    loc.set(name, 30);
    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, CEN_SIG, true);
    cv.setUint16(4, 20, true); // made by 2.0
    cv.setUint16(6, 10, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, off, true);
    cen.set(name, 46);
    locals.push(loc, e.data);
    cens.push(cen);
    off += loc.length + e.data.length;
  }
  const cdSize = cens.reduce((a, c) => a + c.length, 0);
  const eocd = new Uint8Array(EOCD_MIN);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, EOCD_SIG, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, off, true);
  const parts = [...locals, ...cens, eocd];
  const out = new Uint8Array(parts.reduce((a, x) => a + x.length, 0));
  let k = 0;
  for (const x of parts) {
    out.set(x, k);
    k += x.length;
  }
  return out;
}
