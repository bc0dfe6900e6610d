// Builds a typed `EdgeLabApi` over any transport that can carry one call with progress and cancel.
// The renderer uses it over Electron's preload bridge or over HTTP; the engine channel uses it over ports.
// A Proxy, not a loop over METHOD_NAMES: the client needs no value from api.ts, so the renderer's entry chunk does
// not carry api.ts's zod schemas (they load with the views that use them; Graph view first paint). A method name
// the engine does not have is refused by the engine (one reply per call, as for any call).
import type { EdgeLabApi, MethodName } from './api';
import type { CallOptions } from './protocol';

export interface Transport {
  call(method: MethodName, args: unknown, options?: CallOptions): Promise<unknown>;
}

export function createApiClient(transport: Transport): EdgeLabApi {
  const methods = new Map<string, (args: unknown, options?: CallOptions) => Promise<unknown>>();
  return new Proxy({} as EdgeLabApi, {
    get(_target, name) {
      // Not a method: symbols, and `then` (so that awaiting the client itself does not call the engine).
      if (typeof name !== 'string' || name === 'then') return undefined;
      let m = methods.get(name);
      if (!m) {
        m = (args: unknown, options?: CallOptions) => transport.call(name as MethodName, args ?? {}, options);
        methods.set(name, m);
      }
      return m;
    },
  });
}
