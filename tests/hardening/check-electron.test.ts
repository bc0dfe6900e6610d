// The Electron checklist static check (scripts/check-electron.mjs) on the BUILT shell (`npm run build` first):
// every item holds on out/, and each named check fails on a copy of the build mutated to break exactly that item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { CHECKS, checkElectron } from '../../scripts/check-electron.mjs';

const REPO = join(import.meta.dirname, '..', '..');
const OUT = join(REPO, 'out');
type Result = { name: string; ok: boolean; problems: string[] };
let scratch: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-check-electron-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Copy of out/{main,preload,renderer/index.html} with `edit` applied to one file. */
async function mutated(file: 'main/electron-main.js' | 'preload/preload.cjs' | 'renderer/index.html', edit: (s: string) => string): Promise<string> {
  const dir = await fs.mkdtemp(join(scratch, 'out-'));
  await fs.cp(join(OUT, 'main'), join(dir, 'main'), { recursive: true });
  await fs.cp(join(OUT, 'preload'), join(dir, 'preload'), { recursive: true });
  await fs.mkdir(join(dir, 'renderer'));
  await fs.copyFile(join(OUT, 'renderer', 'index.html'), join(dir, 'renderer', 'index.html'));
  const text = await fs.readFile(join(dir, file), 'utf8');
  const next = edit(text);
  expect(next, 'the mutation must change the file').not.toBe(text);
  await fs.writeFile(join(dir, file), next);
  return dir;
}

describe('check-electron on the built shell', () => {
  it('every checklist item holds', () => {
    const results: Result[] = checkElectron(OUT);
    expect(results.map((r) => r.name)).toEqual(Object.keys(CHECKS));
    expect(results.length).toBeGreaterThanOrEqual(14);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('runs as a CLI: exit 0 and one line per check', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/check-electron.mjs'), OUT], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${Object.keys(CHECKS).length}/${Object.keys(CHECKS).length} Electron checklist items hold`));
  });
});

const MAIN = 'main/electron-main.js' as const;
const MUTATIONS: [check: string, file: Parameters<typeof mutated>[0], edit: (s: string) => string][] = [
  ['context-isolation', MAIN, (s) => s.replace('contextIsolation: true', 'contextIsolation: false')],
  ['sandbox', MAIN, (s) => s.replace('sandbox: true', 'sandbox: false')],
  ['node-integration-off', MAIN, (s) => s.replace('nodeIntegration: false', 'nodeIntegration: true')],
  ['web-security-on', MAIN, (s) => s.replace('webSecurity: true', 'webSecurity: false')],
  ['insecure-content-off', MAIN, (s) => s.replace('webSecurity: true,', 'webSecurity: true,\n\t\t\tallowRunningInsecureContent: true,')],
  ['webview-off', MAIN, (s) => s.replace('webviewTag: false', 'webviewTag: true')],
  ['csp-strict', 'renderer/index.html', (s) => s.replace("default-src 'self'", "default-src 'self' 'unsafe-eval'")],
  ['csp-strict', 'renderer/index.html', (s) => s.replace("connect-src 'self'", "connect-src 'self' https://telemetry.example.com")],
  ['csp-on-every-response', MAIN, (s) => s.replace('"Content-Security-Policy": [CSP]', '"X-Nothing": [CSP]')],
  ['navigation-blocked', MAIN, (s) => s.replace(/("will-navigate", \(event, url\) => \{)\s*event\.preventDefault\(\);/, '$1')],
  ['new-windows-denied', MAIN, (s) => s.replace('action: "deny"', 'action: "allow"')],
  ['external-https-only', MAIN, (s) => s.replace('if (/^https:\\/\\//i.test(url)) shell.openExternal(url);', 'shell.openExternal(url);')],
  ['no-remote-content', MAIN, (s) => s.replace('win.loadFile(RENDERER_INDEX)', 'win.loadURL("https://edgelab.example.com/")')],
  ['no-remote-content', 'renderer/index.html', (s) => s.replace('</head>', '<script src="https://cdn.example.com/x.js"></script></head>')],
  ['ipc-validated', MAIN, (s) => s.replace(/args = validateArgs\(m, message\.args\);/, 'args = message.args;')],
  ['ipc-validated', MAIN, (s) => s.replace('if (!isAppFrame(event.senderFrame?.url)) return;', '')],
  ['preload-minimal', 'preload/preload.cjs', (s) => s.replace('electron.contextBridge.exposeInMainWorld("edgelab", {', 'electron.contextBridge.exposeInMainWorld("ipc", electron.ipcRenderer);\nelectron.contextBridge.exposeInMainWorld("edgelab", {')],
  ['permissions-denied', MAIN, (s) => s.replace('callback(false))', 'callback(true))')],
];

describe.each(MUTATIONS.map(([check, file, edit], i) => ({ i, check, file, edit })))('mutation $i of $file', ({ check, file, edit }) => {
  it(`fails the '${check}' check`, async () => {
    const dir = await mutated(file, edit);
    const results: Result[] = checkElectron(dir);
    const r = results.find((x) => x.name === check)!;
    expect(r.ok, `${check} should fail`).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    const r2 = spawnSync(process.execPath, [join(REPO, 'scripts/check-electron.mjs'), dir], { encoding: 'utf8' });
    expect(r2.status).toBe(1);
    expect(r2.stdout).toContain(`FAIL ${check}`);
  });
});

it('every check has at least one mutation that breaks it', () => {
  expect(new Set(MUTATIONS.map((m) => m[0]))).toEqual(new Set(Object.keys(CHECKS)));
});
