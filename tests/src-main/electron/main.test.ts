// The Electron shell cannot run here (no Electron binary), so this reads what `npm run build` produced:
// the window's security options, navigation and window-open blocking, the CSP, the engine in a utility
// process, and a preload that exposes exactly one key. The preload is also executed (in a vm context, with
// a recorder in place of the electron module) to prove what actually crosses the context bridge.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/headers';
import { ensureBuilt, OUT } from '../../contract/built';

let main: string;
let preload: string;

/** An entry's text followed by every chunk it imports (transitively, relative imports only). */
function readBundle(entry: string, seen = new Set<string>()): string {
  if (seen.has(entry)) return '';
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  const deps = [...text.matchAll(/from "(\.\.?\/[^"]+)"/g)].map((m) => resolve(dirname(entry), m[1]!));
  return [text, ...deps.map((d) => readBundle(d, seen))].join('\n');
}

beforeAll(async () => {
  await ensureBuilt();
  main = readBundle(join(OUT, 'main', 'electron-main.js'));
  preload = readFileSync(join(OUT, 'preload', 'preload.cjs'), 'utf8');
});

describe('built Electron main (out/main/electron-main.js)', () => {
  it('loads its chunks (the relay, the CSP) from the build', () => {
    expect(main.length).toBeGreaterThan(readFileSync(join(OUT, 'main', 'electron-main.js'), 'utf8').length);
  });

  it('creates the window with isolation, sandbox, no node integration and web security', () => {
    const prefs = /webPreferences:\s*\{([^}]*)\}/.exec(main)?.[1];
    expect(prefs, 'webPreferences block').toBeDefined();
    expect(prefs).toMatch(/contextIsolation:\s*true/);
    expect(prefs).toMatch(/sandbox:\s*true/);
    expect(prefs).toMatch(/nodeIntegration:\s*false/);
    expect(prefs).toMatch(/webSecurity:\s*true/);
    expect(prefs).not.toMatch(/contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/);
    expect(prefs).toMatch(/preload:/);
  });

  it('blocks navigation and denies new windows', () => {
    expect(main).toMatch(/on\("will-navigate",\s*\(event, url\) => \{\s*event\.preventDefault\(\)/);
    expect(main).toMatch(/setWindowOpenHandler\(/);
    const handler = main.slice(main.indexOf('setWindowOpenHandler('), main.indexOf('setWindowOpenHandler(') + 200);
    expect(handler).toMatch(/action:\s*"deny"/);
    expect(handler).not.toMatch(/action:\s*"allow"/);
    expect(main).toMatch(/shell\.openExternal/);
    expect(main).toMatch(/\^https:/);
  });

  it('sets the CSP on responses, denies permissions, and runs the engine in a utility process', () => {
    expect(main).toContain('onHeadersReceived');
    expect(main).toContain(JSON.stringify(CONTENT_SECURITY_POLICY).slice(1, -1));
    expect(main).toMatch(/setPermissionRequestHandler\(\([^)]*\) => callback\(false\)\)/);
    expect(main).toMatch(/utilityProcess\.fork\(/);
    expect(main).toContain('engine-process.js');
  });

  it('validates renderer messages before forwarding them (checkMethod + validateArgs in the relay)', () => {
    const relay = main.slice(main.indexOf('function createRelay'));
    expect(relay).toMatch(/checkMethod\(/);
    expect(relay).toMatch(/validateArgs\(/);
  });
});

describe('built preload (out/preload/preload.cjs)', () => {
  it('is CommonJS requiring only electron, and calls exposeInMainWorld once', () => {
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    const requires = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes exactly one key, "edgelab", whose value has only send and onMessage', () => {
    const exposed: Record<string, unknown> = {};
    const sent: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
      ipcRenderer: { send: (...a: unknown[]) => void sent.push(a), on: () => {}, removeListener: () => {} },
    };
    const module = { exports: {} };
    runInNewContext(preload, {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`preload required ${id}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect(Object.keys(exposed)).toEqual(['edgelab']);
    const bridge = exposed.edgelab as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
    (bridge.send as (m: unknown) => void)({ type: 'cancel', id: '1' });
    expect(sent).toEqual([['edgelab:send', { type: 'cancel', id: '1' }]]);
  });
});
