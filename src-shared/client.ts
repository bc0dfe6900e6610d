// Builds a typed `EdgeLabApi` over any transport that can carry one call with progress and cancel.
// The renderer uses it over Electron's preload bridge or over HTTP; the engine channel uses it over ports.
import { METHOD_NAMES, type EdgeLabApi, type MethodName } from './api';
import type { CallOptions } from './protocol';

export interface Transport {
  call(method: MethodName, args: unknown, options?: CallOptions): Promise<unknown>;
}

export function createApiClient(transport: Transport): EdgeLabApi {
  const api: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) api[m] = (args: unknown, options?: CallOptions) => transport.call(m, args ?? {}, options);
  return api as EdgeLabApi;
}
