// Streams embedding vectors to `<run-dir>/embeddings.f32` (float32 LE, one row per vector) as they are made,
// so that memory does not grow with the clip; keeps the small per-item index for run.json.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { RUN_EMBEDDINGS_FILE, type EmbeddingItem, type PayloadBytes } from '../../src-shared/formats/run';
import { encodeFloat32 } from './payload';

export class EmbeddingStore {
  readonly items: EmbeddingItem[] = [];
  private handle: fs.FileHandle | null = null;

  constructor(private readonly dir: string, readonly dims: number) {}

  async open(): Promise<void> {
    this.handle = await fs.open(join(this.dir, RUN_EMBEDDINGS_FILE), 'w');
  }

  async append(vector: Float32Array, item: Omit<EmbeddingItem, 'row'>): Promise<void> {
    if (vector.length !== this.dims) throw new RangeError(`embedding has ${vector.length} values, store holds ${this.dims}`);
    if (!this.handle) throw new Error('EmbeddingStore: not open');
    await this.handle.write(encodeFloat32(vector));
    this.items.push({ row: this.items.length, ...item });
  }

  meanBytes(): PayloadBytes {
    const n = Math.max(1, this.items.length);
    const sum = (k: keyof PayloadBytes) => this.items.reduce((a, i) => a + i.bytes[k], 0) / n;
    return { float32: sum('float32'), float16: sum('float16'), int8: sum('int8'), jpeg: sum('jpeg') };
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
