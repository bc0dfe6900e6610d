// Layouts kept across page loads in the browser's IndexedDB (database `edgelab-layouts`), used by the layout worker
// (layout.worker.ts): a graph opened again — a reload, another tab, the next session — is drawn without running dagre
// (CenterNet: 355–830 ms in the worker on this 2-core machine). Keyed by the SHA-256 of LAYOUT_VERSION + the input's
// fingerprint (box ids and sizes, edges, in order: equal keys = equal layouts); at most MAX_ENTRIES layouts, the
// least recently stored dropped first. Best effort: where IndexedDB or crypto.subtle is missing, or a read or write
// fails, the layout is computed as without a cache; a stored entry that does not fit its input is ignored.
import type { LayoutInput, LayoutResult } from './layout';

/** Bumped when layout.ts would lay the same input out differently (older entries are then never hit). */
export const LAYOUT_VERSION = 2;
/** Layouts kept (CenterNet's is ~100 KB). */
export const MAX_ENTRIES = 24;
/** Longest a lookup may take before the layout is computed instead (a database that never opens must not stall it), ms. */
export const LOOKUP_TIMEOUT_MS = 500;
const DB = 'edgelab-layouts';
const STORE = 'layouts';

/** What is stored: the layout and when it was stored (ms since the epoch). */
interface Entry {
  key: string;
  at: number;
  layout: Omit<LayoutResult, 'ms' | 'startedAt' | 'cached'>;
}

/** The input as a string: box ids and sizes, then edges, in order (equal strings = the same layout). */
export function fingerprint(input: LayoutInput): string {
  const b = input.boxes.map((x) => `${x.id}\u0001${x.width}\u0001${x.height}`).join('\u0002');
  const e = input.edges.map((x) => `${x.from}\u0001${x.to}`).join('\u0002');
  return `${b}\u0003${e}`;
}

async function keyOf(input: LayoutInput): Promise<string> {
  const bytes = new TextEncoder().encode(`${LAYOUT_VERSION}\u0004${fingerprint(input)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((x) => x.toString(16).padStart(2, '0')).join('');
}

let opened: Promise<IDBDatabase> | undefined;
function db(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('at', 'at');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return opened;
}

const done = (t: IDBTransaction) => new Promise<void>((resolve, reject) => ((t.oncomplete = () => resolve()), (t.onerror = () => reject(t.error)), (t.onabort = () => reject(t.error))));

/** True when `l` places exactly the input's boxes and has one polyline per input edge. */
function fits(l: Entry['layout'] | undefined, input: LayoutInput): l is Entry['layout'] {
  if (!l || typeof l !== 'object' || !l.boxes || !Array.isArray(l.edges) || l.edges.length !== input.edges.length) return false;
  return Object.keys(l.boxes).length === input.boxes.length && input.boxes.every((b) => l.boxes[b.id] !== undefined);
}

/** The stored layout of `input` (ms = the lookup's time, cached: true), or undefined (none, no cache here, or too slow). */
export function cachedLayout(input: LayoutInput): Promise<LayoutResult | undefined> {
  return Promise.race([lookup(input), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS))]);
}

async function lookup(input: LayoutInput): Promise<LayoutResult | undefined> {
  const t0 = performance.now();
  try {
    const key = await keyOf(input);
    const t = (await db()).transaction(STORE, 'readonly');
    const got = await new Promise<Entry | undefined>((resolve, reject) => {
      const r = t.objectStore(STORE).get(key);
      r.onsuccess = () => resolve(r.result as Entry | undefined);
      r.onerror = () => reject(r.error);
    });
    if (!fits(got?.layout, input)) return undefined;
    return { ...got!.layout, ms: performance.now() - t0, startedAt: performance.timeOrigin + t0, cached: true };
  } catch {
    return undefined;
  }
}

/** Stores the layout of `input`, then drops the oldest entries past MAX_ENTRIES. Never throws. */
export async function storeLayout(input: LayoutInput, result: LayoutResult): Promise<void> {
  try {
    const key = await keyOf(input);
    const { boxes, edges, width, height } = result;
    const t = (await db()).transaction(STORE, 'readwrite');
    const store = t.objectStore(STORE);
    store.put({ key, at: Date.now(), layout: { boxes, edges, width, height } } satisfies Entry);
    const count = store.count();
    count.onsuccess = () => {
      let extra = count.result - MAX_ENTRIES;
      if (extra <= 0) return;
      const cursor = store.index('at').openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || extra-- <= 0) return;
        c.delete();
        c.continue();
      };
    };
    await done(t);
  } catch {
    // No cache here (no IndexedDB, storage full, private mode): the next open lays out again.
  }
}
