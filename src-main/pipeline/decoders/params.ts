// Validates DecoderSpec.params with a zod schema; a mismatch is the model metadata's fault (BAD_INPUT).
// Every decoder's schema is .strict(): an unknown or mistyped parameter is an error naming it, never dropped.
import type { z } from 'zod';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { HostTensor } from '../../runtimes/types';
import type { DecoderSetup } from './types';

export function parseParams<S extends z.ZodType>(kind: string, schema: S, params: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(params);
  if (!r.success) {
    const i = r.error.issues[0];
    if (i?.code === 'unrecognized_keys') {
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      const known = shape ? Object.keys(shape) : [];
      const where = i.path.length ? `${i.path.join('.')}.` : '';
      throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: unknown parameter params.${where}${i.keys.join(', params.')}${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
    throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: params.${i?.path.join('.') || ''}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** The named output, checked to hold whole rows of `perRow` values (and last dim = perRow); returns [rows, data]. */
export function outputRows(kind: string, outputs: Record<string, HostTensor>, name: string, perRow: number): [number, HostTensor['data']] {
  const t = outputs[name];
  if (!t) throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: model has no output ${name}`);
  if (perRow < 1 || t.data.length % perRow !== 0 || (perRow > 1 && t.shape[t.shape.length - 1] !== perRow)) {
    throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: output ${name} has shape [${t.shape}], expected rows of ${perRow}`);
  }
  return [t.data.length / perRow, t.data];
}

/** BAD_INPUT: output `name` of shape `shape` does not fit decoder `kind` (which expected `expected`). */
export function shapeError(kind: string, name: string, shape: readonly number[], expected: string): EdgeLabError {
  return new EdgeLabError('BAD_INPUT', `decoder ${kind}: output ${name} has shape [${shape.join(', ')}], expected ${expected}`);
}

/** Output `name`, or the model's only output when `name` is undefined; BAD_INPUT when absent or ambiguous. */
export function outputTensor(kind: string, outputs: Record<string, HostTensor>, name: string | undefined): [string, HostTensor] {
  if (name === undefined) {
    const names = Object.keys(outputs);
    if (names.length !== 1) throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: the model has ${names.length} outputs (${names.join(', ')}): name one in params.output`);
    return [names[0], outputs[names[0]]];
  }
  const t = outputs[name];
  if (!t) throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: model has no output ${name}`);
  return [name, t];
}

/** Input width/height that pixel coordinates refer to: the params' own, else the model's input spec. */
export function pixelSize(kind: string, p: { inputWidth?: number; inputHeight?: number }, setup: DecoderSetup): [number, number] {
  const w = p.inputWidth ?? setup.input?.width;
  const h = p.inputHeight ?? setup.input?.height;
  if (!w || !h) throw new EdgeLabError('BAD_INPUT', `decoder ${kind}: pixel coordinates need the input size (params.inputWidth/inputHeight or the model's input spec)`);
  return [w, h];
}
