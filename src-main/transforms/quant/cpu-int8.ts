// Whether int8 weights should use the reduced 7-bit range [-63, 63] on this machine, as onnxruntime's own
// quantizer advises (`reduce_range`): x86 CPUs without VNNI run int8 GEMM through 16-bit intermediate sums
// (pmaddubsw), which saturate with full-range weights. With VNNI (avx512_vnni / avx_vnni) or on non-x86
// machines the full range [-127, 127] is exact. Measured on this project's CI machine (AVX2, no VNNI),
// BlazeFace worst-output SNR: full range fused −14 dB, 7-bit +10 dB.
// EDGELAB_REDUCE_RANGE=on|off overrides the CPU-based decision (auto, or unset, = decide from this CPU), so the
// test suite and a user can exercise both decisions on one machine; any other value is an error naming it.
import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { EdgeLabError } from '../../../src-shared/protocol';

export interface ReduceRangeDecision {
  reduceRange: boolean;
  reason: string;
}

/** Reads /proc/cpuinfo flags once; any failure means "unknown" → reduce (the safe choice on x86). */
let cached: ReduceRangeDecision | undefined;

export const REDUCE_RANGE_ENV = 'EDGELAB_REDUCE_RANGE';

export function autoReduceRange(): ReduceRangeDecision {
  const forced = process.env[REDUCE_RANGE_ENV];
  if (forced !== undefined && forced !== '' && forced !== 'auto') {
    if (forced !== 'on' && forced !== 'off') {
      throw new EdgeLabError('BAD_INPUT', `${REDUCE_RANGE_ENV}=${forced}: expected on, off or auto`);
    }
    return { reduceRange: forced === 'on', reason: `${REDUCE_RANGE_ENV}=${forced} (overrides this CPU's decision)` };
  }
  if (cached) return cached;
  if (arch() !== 'x64' && arch() !== 'ia32') {
    cached = { reduceRange: false, reason: `${arch()}: int8 dot products do not saturate` };
    return cached;
  }
  let flags = '';
  try {
    flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
  } catch {
    /* not Linux: unknown */
  }
  const vnni = /\b(avx512_vnni|avx_vnni)\b/.test(flags);
  cached = vnni
    ? { reduceRange: false, reason: 'x86 CPU with VNNI: full int8 range is exact' }
    : { reduceRange: true, reason: 'x86 CPU without VNNI (or unknown): 7-bit weights avoid 16-bit saturation' };
  return cached;
}
