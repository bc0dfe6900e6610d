// Which imported latency record a replay simulates (`replay --device <record>`): a record id, a device name or
// `<device>/<delegate>` (e.g. "Pixel 3/gpu"), narrowed to the replayed model (records linked to its workspace id or carrying its sha256). The simulated
// detector latency is the record's mean.
import type { LatencyRecord } from '../../src-shared/types/latency';
import { EdgeLabError } from '../../src-shared/protocol';
import { readRecords } from '../benchmarks/records';
import type { EngineCtx } from './context';

export interface DeviceLatency {
  recordId: string;
  device: string;
  delegate: string;
  model: string;
  latencyMs: number;
}

export function pickRecord(records: LatencyRecord[], query: string, model: { id?: string; sha256: string }): LatencyRecord {
  const byId = records.find((r) => r.id === query);
  if (byId) return byId;
  const q = query.toLowerCase();
  const onDevice = records.filter((r) => r.device.toLowerCase() === q || `${r.device}/${r.delegate}`.toLowerCase() === q);
  if (onDevice.length === 0) {
    const devices = [...new Set(records.map((r) => r.device))];
    throw new EdgeLabError('NOT_FOUND', `no imported latency record or device "${query}" (devices: ${devices.join(', ') || 'none; run edgelab import-bench'})`);
  }
  const forModel = onDevice.filter((r) => (model.id !== undefined && r.variantId === model.id) || r.modelSha256 === model.sha256);
  const pool = forModel.length ? forModel : onDevice;
  if (pool.length > 1) {
    throw new EdgeLabError('BAD_INPUT', `device "${query}" has ${pool.length} records (${pool.map((r) => `${r.id} ${r.delegate} ${r.model}`).join('; ')}): pass a record id or <device>/<delegate>`);
  }
  return pool[0];
}

export async function deviceLatency(ctx: EngineCtx, query: string, model: { id?: string; sha256: string }): Promise<DeviceLatency> {
  const r = pickRecord(await readRecords(ctx.ws), query, model);
  return { recordId: r.id, device: r.device, delegate: r.delegate, model: r.model, latencyMs: r.latencyMs.mean };
}
