// Routes in the URL hash, `#/<view>?k=v&…` (React-free: the entry bundle reads the route before the app's chunk
// has loaded, main.tsx; nav.tsx keeps the current route in React state). A `token=` parameter belongs to the host
// (api/host.ts) and is never a view parameter.

export interface Route {
  view: string;
  params: Record<string, string>;
}

export const DEFAULT_VIEW = 'models';

/** `#/ab?baseline=r1&frame=3` → { view: 'ab', params: { baseline: 'r1', frame: '3' } } (a `token` left out); anything else → default view. */
export function parseHash(hash: string, fallback = DEFAULT_VIEW): Route {
  const m = /^#\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return { view: fallback, params: {} };
  const params: Record<string, string> = {};
  // The token is the host's (api/host.ts), never a view parameter.
  for (const [k, v] of new URLSearchParams(m[2] ?? '')) if (k !== 'token') params[k] = v;
  return { view: m[1]!, params };
}

/** Inverse of parseHash; empty and undefined params are left out, keys kept in the given order. */
export function formatHash(view: string, params: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}
