// The workspace's latency records: `<workspace>/latency/records.json`, versioned, validated on read, written
// atomically under the workspace lock. A record's id is derived from the sha256 of its source file's bytes,
// its format and its index in the file, so importing the same file again replaces instead of duplicating.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LatencyRecord } from '../../src-shared/types/latency';
import { EdgeLabError } from '../../src-shared/protocol';
import { writeJsonAtomic } from '../workspace/atomic';
import type { Workspace } from '../workspace/workspace';

export const RECORDS_SCHEMA = 'edgelab.latency-records';
export const RECORDS_VERSION = 1;

const stats = z.looseObject({ mean: z.number() });
// Loose: later versions may add fields, which must survive a rewrite by this version.
const recordSchema = z.looseObject({
  id: z.string().min(1),
  format: z.string().min(1),
  device: z.string(),
  delegate: z.string(),
  model: z.string(),
  latencyMs: stats,
  source: z.looseObject({ file: z.string() }),
});
const fileSchema = z.object({ schema: z.literal(RECORDS_SCHEMA), version: z.literal(RECORDS_VERSION), records: z.array(recordSchema) });

export function recordsPath(ws: Workspace): string {
  return join(ws.dir, 'latency', 'records.json');
}

/** Stable record id: sha256(source bytes hash, format, index in file), 16 hex digits. */
export function recordId(sourceSha256: string, format: string, index: number): string {
  return 'lat-' + createHash('sha256').update(`${sourceSha256}\n${format}\n${index}`).digest('hex').slice(0, 16);
}

export async function readRecords(ws: Workspace): Promise<LatencyRecord[]> {
  const file = recordsPath(ws);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `latency records are not valid JSON (${(e as Error).message})`, file);
  }
  const r = fileSchema.safeParse(doc);
  if (!r.success) throw new EdgeLabError('BAD_INPUT', `latency records do not match ${RECORDS_SCHEMA} v${RECORDS_VERSION}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`, file);
  return r.data.records as unknown as LatencyRecord[];
}

/**
 * Merges `incoming` into the stored records under the workspace lock, in one atomic write: a record whose id
 * is already stored replaces it (same source bytes, same position). `prepare` runs inside the lock, so it may
 * read the manifest to link variants consistently. Returns how many ids were already stored.
 */
export async function storeRecords(ws: Workspace, incoming: LatencyRecord[] | (() => Promise<LatencyRecord[]>)): Promise<{ stored: LatencyRecord[]; replaced: number }> {
  return ws.locked(async () => {
    const recs = typeof incoming === 'function' ? await incoming() : incoming;
    const current = await readRecords(ws);
    const byId = new Map(current.map((r) => [r.id, r]));
    let replaced = 0;
    for (const r of recs) {
      if (byId.has(r.id)) replaced++;
      byId.set(r.id, r);
    }
    const all = [...byId.values()];
    await writeJsonAtomic(recordsPath(ws), { schema: RECORDS_SCHEMA, version: RECORDS_VERSION, records: all });
    return { stored: recs, replaced };
  });
}
