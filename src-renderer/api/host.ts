// Picks how the renderer reaches the engine. Inside Electron the preload has put `window.edgelab` (the bridge);
// in a browser served by `edgelab serve` the page was opened at http://127.0.0.1:<port>/#token=<token> (or at a
// route with the token, `#/graph?variant=<id>&token=<token>`): the token is moved from the fragment to
// sessionStorage (so a reload keeps working) and removed from the address bar; a route in the hash stays.
// Written against the few browser globals it needs, structurally, so that it also type-checks outside the DOM lib.
import type { EdgeLabApi } from '../../src-shared/api';
import type { EdgeLabBridge } from '../../src-shared/bridge';
import { createApiClient, type Transport } from '../../src-shared/client';
import { EdgeLabError } from '../../src-shared/protocol';
import { createBridgeTransport } from './bridge-transport';
import { createHttpTransport } from './http-transport';

export const TOKEN_STORAGE_KEY = 'edgelab.token';

export interface HostEnv {
  edgelab?: EdgeLabBridge;
  location: { hash: string; origin: string; pathname: string; search: string };
  sessionStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void };
  history?: { replaceState(data: unknown, unused: string, url?: string): void };
  fetch?: typeof fetch;
}

export type HostKind = 'electron' | 'browser';

/**
 * The hash without its `token=` parameter: `#/graph?variant=v&token=t` → `#/graph?variant=v` (the route stays),
 * `#token=t` → ''.
 */
export function hashWithoutToken(hash: string): string {
  const route = /^#\/[A-Za-z0-9_-]+/.exec(hash);
  if (!route) return '';
  const q = hash.slice(route[0].length).replace(/^\?/, '');
  const params = new URLSearchParams(q);
  params.delete('token');
  const rest = params.toString();
  return `${route[0]}${rest ? `?${rest}` : ''}`;
}

/** Token from `#token=…` or `#/<view>?…&token=…` (then stored and stripped from the URL, the route kept), else from sessionStorage, else null. */
export function takeToken(env: HostEnv): string | null {
  const m = /(?:^#|[?&])token=([A-Za-z0-9_-]+)/.exec(env.location.hash);
  if (m) {
    const token = m[1]!;
    try {
      env.sessionStorage?.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage disabled: the token lives only for this page load.
    }
    env.history?.replaceState(null, '', env.location.pathname + env.location.search + hashWithoutToken(env.location.hash));
    return token;
  }
  try {
    return env.sessionStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Where a browser page sends uploads (POST /api/upload, api/upload.ts): the server's origin and the page's token. */
export interface UploadTarget {
  baseUrl: string;
  token: string;
}

/** Builds the transport for an environment (exported for tests; the app calls `getApi`). */
export function selectTransport(env: HostEnv): { kind: HostKind; transport: Transport; upload?: UploadTarget } {
  if (env.edgelab) return { kind: 'electron', transport: createBridgeTransport(env.edgelab) };
  const token = takeToken(env);
  if (!token) {
    const refuse = () =>
      Promise.reject(new EdgeLabError('UNAUTHORIZED', 'no access token: open the full URL printed by `edgelab serve` (it ends in #token=…)'));
    return { kind: 'browser', transport: { call: refuse } };
  }
  return {
    kind: 'browser',
    transport: createHttpTransport({ baseUrl: env.location.origin, token, fetch: env.fetch }),
    upload: { baseUrl: env.location.origin, token },
  };
}

let current: { kind: HostKind; api: EdgeLabApi; upload?: UploadTarget } | null = null;

function browserEnv(): HostEnv {
  const g = globalThis as unknown as HostEnv;
  return { edgelab: g.edgelab, location: g.location, sessionStorage: g.sessionStorage, history: g.history };
}

/** The engine API for this page (created once). */
export function getApi(): EdgeLabApi {
  if (!current) {
    const { kind, transport, upload } = selectTransport(browserEnv());
    current = { kind, api: createApiClient(transport), upload };
  }
  return current.api;
}

/** Which host the page runs in. */
export function getHostKind(): HostKind {
  if (!current) getApi();
  return current!.kind;
}

/** Upload target of this page: null inside Electron (no upload route) or without a token. */
export function getUploadTarget(): UploadTarget | null {
  if (!current) getApi();
  return current!.upload ?? null;
}
