// What every .tflite variant transform shares (fp16-tflite.ts, int8-weights-tflite.ts): read the source into the
// IR (formats/tflite/read-model.ts), the consumers of each tensor, the `--exclude` match, and the atomic write of
// the result as `<outDir>/<source file name>`.
// Naming: TFLite operators have no names; an op is named by its first output tensor (what tf.lite.Interpreter and
// EdgeLab's inspect show), so `--exclude` takes constant tensor names or op output tensor names.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { readTfliteModel } from '../formats/tflite/read-model';
import { writeTfliteAtomic } from '../formats/tflite/writer';
import type { TfliteModel, TfliteOp } from '../formats/tflite/model-ir';
import type { TransformInput } from './types';

export async function readTfliteSource(file: string): Promise<TfliteModel> {
  return readTfliteModel(new Uint8Array(await fs.readFile(file)), file);
}

/** Tensor index → indices of the operators reading it (in execution order). */
export function consumersOf(m: TfliteModel): Map<number, number[]> {
  const c = new Map<number, number[]>();
  m.operators.forEach((op, k) => {
    for (const i of op.inputs) if (i >= 0) c.set(i, [...(c.get(i) ?? []), k]);
  });
  return c;
}

/** An operator's name: its first output tensor's name. */
export function tfliteOpName(m: TfliteModel, op: TfliteOp): string {
  return m.tensors[op.outputs[0]]?.name ?? op.op;
}

/** The `exclude` setting as a set of tensor / op names. */
export function excludeSet(input: TransformInput): Set<string> {
  return new Set((input.settings.exclude as string[] | undefined) ?? []);
}

/** A tensor name not in `taken` (`base`, else `base_2`, `base_3`…); adds it to `taken`. */
export function freshTensorName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

/** Writes the variant beside nothing else: `<outDir>/<basename(source)>`; returns its path and size in bytes. */
export async function writeTfliteVariant(input: TransformInput, m: TfliteModel): Promise<{ mainFile: string; sizeBytes: number }> {
  const mainFile = join(input.outDir, basename(input.source));
  const bytes = await writeTfliteAtomic(mainFile, m);
  return { mainFile, sizeBytes: bytes.length };
}
