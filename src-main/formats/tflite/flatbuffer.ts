// A small bounds-checked FlatBuffers *reader* (tables, vtables, scalars, strings, vectors) for reading
// .tflite files read-only. Hand-written on purpose: the `flatbuffers` npm runtime gives only the byte-level
// primitives (the typed accessors come from flatc-generated code, and no maintained TFLite-generated
// TypeScript is on npm), and it does not bounds-check — a truncated or hostile file must become a clear
// BAD_INPUT here, not an out-of-range read. Layout (flatbuffers.dev internals): little endian; a table
// starts with an int32 soffset to its vtable (vtable = table − soffset); a vtable is [u16 vtable bytes,
// u16 table bytes, u16 field offsets…]; offset fields hold a u32 relative to their own position; vectors
// and strings start with a u32 element count.
import { EdgeLabError } from '../../../src-shared/protocol';

/** Work allowed per file: tables opened plus vector elements read, at most this many per file byte (+ a floor).
 *  FlatBuffers may share an offset between many vectors/tables, so a small hostile file can make a naive reader
 *  visit the same bytes billions of times (an "offset bomb"); an honest file visits each byte about once. */
export const WORK_PER_BYTE = 16;
export const WORK_FLOOR = 1_000_000;

export class FlatBuffer {
  private readonly view: DataView;
  /** Remaining work units (tables + vector elements); below 0 the file is refused. */
  private budget: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = WORK_FLOOR + WORK_PER_BYTE * bytes.length;
  }

  /** Counts `n` units of work (a table visited, vector elements read); BAD_INPUT once the budget is spent. */
  charge(n: number): void {
    this.budget -= n;
    if (this.budget < 0) {
      throw new EdgeLabError(
        'BAD_INPUT',
        `corrupt FlatBuffer: reading it would visit more than ${WORK_FLOOR + WORK_PER_BYTE * this.bytes.length} tables and vector elements for a ${this.bytes.length}-byte file (offsets shared many times over: an offset bomb)`,
        this.file,
      );
    }
  }

  /** Throws BAD_INPUT: the structure at `at` is impossible. */
  corrupt(what: string, at: number): never {
    throw new EdgeLabError('BAD_INPUT', `corrupt FlatBuffer: ${what} at byte ${at}`, this.file);
  }

  private fail(what: string, at: number): never {
    throw new EdgeLabError('BAD_INPUT', `corrupt or truncated FlatBuffer: ${what} at byte ${at} lies outside the ${this.bytes.length}-byte file`, this.file);
  }

  private need(at: number, n: number, what: string): void {
    if (!(at >= 0 && at + n <= this.bytes.length)) this.fail(what, at);
  }

  u8(at: number): number {
    this.need(at, 1, 'u8');
    return this.view.getUint8(at);
  }
  i8(at: number): number {
    this.need(at, 1, 'i8');
    return this.view.getInt8(at);
  }
  u16(at: number): number {
    this.need(at, 2, 'u16');
    return this.view.getUint16(at, true);
  }
  i32(at: number): number {
    this.need(at, 4, 'i32');
    return this.view.getInt32(at, true);
  }
  u32(at: number): number {
    this.need(at, 4, 'u32');
    return this.view.getUint32(at, true);
  }
  f32(at: number): number {
    this.need(at, 4, 'f32');
    return this.view.getFloat32(at, true);
  }
  i64(at: number): number {
    this.need(at, 8, 'i64');
    return Number(this.view.getBigInt64(at, true));
  }
  u64(at: number): number {
    this.need(at, 8, 'u64');
    return Number(this.view.getBigUint64(at, true));
  }

  /** The root table's position (u32 at byte 0). */
  root(): Table {
    return new Table(this, this.u32(0));
  }

  /** 4-byte file identifier at bytes 4..8 ('' when the file is too short). */
  identifier(): string {
    return this.bytes.length >= 8 ? String.fromCharCode(...this.bytes.subarray(4, 8)) : '';
  }
}

export class Table {
  private readonly vtable: number;
  private readonly vtSize: number;
  constructor(
    readonly fb: FlatBuffer,
    readonly pos: number,
  ) {
    fb.charge(1);
    this.vtable = pos - fb.i32(pos);
    this.vtSize = fb.u16(this.vtable);
    if (this.vtSize < 4 || this.vtSize % 2 !== 0) fb.corrupt(`vtable of ${this.vtSize} bytes`, this.vtable);
    fb.u16(this.vtable + this.vtSize - 2); // the whole vtable lies inside the file
  }

  /** Absolute position of field `id`, or 0 when absent. */
  field(id: number): number {
    const slot = 4 + 2 * id;
    if (slot >= this.vtSize) return 0;
    const off = this.fb.u16(this.vtable + slot);
    return off === 0 ? 0 : this.pos + off;
  }

  has(id: number): boolean {
    return this.field(id) !== 0;
  }
  u8(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.fb.u8(p) : dflt;
  }
  i8(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.fb.i8(p) : dflt;
  }
  i32(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.fb.i32(p) : dflt;
  }
  u32(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.fb.u32(p) : dflt;
  }
  u64(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.fb.u64(p) : dflt;
  }

  /** Target of an offset field (absolute), or 0 when absent. */
  private target(id: number): number {
    const p = this.field(id);
    return p ? p + this.fb.u32(p) : 0;
  }

  table(id: number): Table | undefined {
    const t = this.target(id);
    return t ? new Table(this.fb, t) : undefined;
  }

  string(id: number): string | undefined {
    const t = this.target(id);
    if (!t) return undefined;
    const n = this.fb.u32(t);
    this.fb.charge(n);
    this.fb.u8(t + 4 + n - (n > 0 ? 1 : 0));
    return new TextDecoder().decode(this.fb.bytes.subarray(t + 4, t + 4 + n));
  }

  /** Element count and first element position of a vector field ([0, 0] when absent). */
  vector(id: number, elemBytes: number): { length: number; start: number } {
    const t = this.target(id);
    if (!t) return { length: 0, start: 0 };
    const length = this.fb.u32(t);
    this.fb.charge(length);
    if (length > 0) this.fb.u8(t + 4 + length * elemBytes - 1); // the whole vector lies inside the file
    return { length, start: t + 4 };
  }

  tables(id: number): Table[] {
    const { length, start } = this.vector(id, 4);
    return Array.from({ length }, (_, i) => new Table(this.fb, start + 4 * i + this.fb.u32(start + 4 * i)));
  }
  i32s(id: number): number[] {
    const { length, start } = this.vector(id, 4);
    return Array.from({ length }, (_, i) => this.fb.i32(start + 4 * i));
  }
  f32s(id: number): number[] {
    const { length, start } = this.vector(id, 4);
    return Array.from({ length }, (_, i) => this.fb.f32(start + 4 * i));
  }
  i64s(id: number): number[] {
    const { length, start } = this.vector(id, 8);
    return Array.from({ length }, (_, i) => this.fb.i64(start + 8 * i));
  }
}
