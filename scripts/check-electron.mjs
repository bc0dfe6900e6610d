#!/usr/bin/env node
// Static check of the BUILT Electron shell against Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security): reads out/main/electron-main.js (and the chunks it
// imports), out/preload/preload.cjs and out/renderer/index.html, and runs one named check per checklist item.
// Usage: `node scripts/check-electron.mjs [outDir]` → one line per check, exit 1 when any fails.
// Also imported by tests/hardening/check-electron.test.ts, which proves every check fails on a mutated build.
// Regex over the bundle is deliberate: the build is not minified (electron-vite main/preload), and the checks must
// run without an Electron binary; each check states the exact pattern it relies on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** electron-main.js followed by every chunk it imports (transitively), as one text. */
function readMain(outDir) {
  const seen = new Set();
  const parts = [];
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    parts.push(text);
    for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+\.js)"/g)) visit(resolve(dirname(file), m[1]));
  };
  visit(join(outDir, 'main', 'electron-main.js'));
  return { entry: parts[0] ?? '', all: parts.join('\n') };
}

export function readBuild(outDir) {
  const main = readMain(outDir);
  return {
    main: main.entry,
    mainAll: main.all,
    preload: readFileSync(join(outDir, 'preload', 'preload.cjs'), 'utf8'),
    html: readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8'),
  };
}

/** The `{…}` after `key:` in `text` (brace-matched), or null. */
function objectAfter(text, key) {
  const at = text.search(new RegExp(`\\b${key}\\s*:\\s*\\{`));
  if (at < 0) return null;
  const open = text.indexOf('{', at);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

/** `webPreferences` literal → { key: 'true' | 'false' | source text }; `!0`/`!1` read as true/false. */
function webPreferences(main) {
  const body = objectAfter(main, 'webPreferences');
  if (body === null) return null;
  const prefs = {};
  for (const m of body.matchAll(/(\w+)\s*:\s*([^,\n}]+)/g)) {
    const v = m[2].trim();
    prefs[m[1]] = v === '!0' ? 'true' : v === '!1' ? 'false' : v;
  }
  return prefs;
}

/** Directives of a CSP string: name → sources. */
function parseCsp(csp) {
  const out = {};
  for (const d of csp.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...src] = d.split(/\s+/);
    out[name.toLowerCase()] = src;
  }
  return out;
}

/** Problems of one CSP: default-src 'self', no eval, no inline script, no remote origin in any directive. */
function cspProblems(csp, where) {
  const p = [];
  const d = parseCsp(csp);
  if (!(d['default-src']?.length === 1 && d['default-src'][0] === "'self'")) p.push(`${where}: default-src is not exactly 'self'`);
  for (const [name, src] of Object.entries(d)) {
    for (const s of src) {
      if (s === "'unsafe-eval'" || s === "'wasm-unsafe-eval'") p.push(`${where}: ${name} allows ${s}`);
      if (s === "'unsafe-inline'" && name !== 'style-src') p.push(`${where}: ${name} allows 'unsafe-inline'`);
      // Allowed sources: keywords ('self', 'none'), data:/blob: for images. Anything else names an origin.
      if (!/^'(self|none|unsafe-inline)'$/.test(s) && !(name === 'img-src' && /^(data|blob):$/.test(s))) p.push(`${where}: ${name} allows remote source ${s}`);
    }
  }
  return p;
}

/** The CONTENT_SECURITY_POLICY constant of the main bundle (string literal, possibly concatenated), or null. */
function mainCsp(mainAll) {
  const m = /CONTENT_SECURITY_POLICY\s*=\s*((?:"[^"]*"|'[^']*'|`[^`]*`)(?:\s*\+\s*(?:"[^"]*"|'[^']*'|`[^`]*`))*)/.exec(mainAll);
  if (!m) return null;
  return [...m[1].matchAll(/"([^"]*)"|'([^']*)'|`([^`]*)`/g)].map((x) => x[1] ?? x[2] ?? x[3]).join('');
}

function metaCsp(html) {
  const tag = [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find((t) => /http-equiv=["']Content-Security-Policy["']/i.test(t));
  const m = tag && (/\bcontent="([^"]*)"/i.exec(tag) ?? /\bcontent='([^']*)'/i.exec(tag));
  return m ? m[1] : null;
}

const yes = (v) => v === 'true';
const no = (v) => v === undefined || v === 'false';

/** name → (build) → list of problems (empty = pass). One per applicable checklist item. */
export const CHECKS = {
  'context-isolation': (b) => (yes(webPreferences(b.main)?.contextIsolation) ? [] : ['webPreferences.contextIsolation is not true']),
  sandbox: (b) => [
    ...(yes(webPreferences(b.main)?.sandbox) ? [] : ['webPreferences.sandbox is not true']),
    ...(/\bsandbox\s*:\s*(false|!1)/.test(b.mainAll) ? ['a window is created with sandbox: false'] : []),
  ],
  'node-integration-off': (b) => {
    const w = webPreferences(b.main) ?? {};
    return ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames'].filter((k) => !no(w[k])).map((k) => `webPreferences.${k} is ${w[k]}`);
  },
  'web-security-on': (b) => {
    const w = webPreferences(b.main) ?? {};
    return [...(w.webSecurity === 'false' ? ['webPreferences.webSecurity is false'] : []), ...(/webSecurity\s*:\s*(false|!1)/.test(b.mainAll) ? ['webSecurity disabled somewhere'] : [])];
  },
  'insecure-content-off': (b) => {
    const w = webPreferences(b.main) ?? {};
    const p = [];
    // Absent (Electron's default: off) or explicitly false; never true anywhere in the bundle.
    if (('allowRunningInsecureContent' in w && w.allowRunningInsecureContent !== 'false') || /allowRunningInsecureContent\s*:\s*(true|!0)/.test(b.mainAll)) {
      p.push('allowRunningInsecureContent is enabled');
    }
    if (!no(w.experimentalFeatures)) p.push('experimentalFeatures enabled');
    if ('enableBlinkFeatures' in w) p.push('enableBlinkFeatures set');
    return p;
  },
  'webview-off': (b) => [
    ...(no(webPreferences(b.main)?.webviewTag) ? [] : ['webPreferences.webviewTag enabled']),
    ...(/"will-attach-webview"\s*,\s*\(event\)\s*=>\s*event\.preventDefault\(\)/.test(b.main) ? [] : ['will-attach-webview is not prevented']),
  ],
  'csp-strict': (b) => {
    const header = mainCsp(b.mainAll);
    const meta = metaCsp(b.html);
    return [
      ...(header === null ? ['no CONTENT_SECURITY_POLICY constant in the main bundle'] : cspProblems(header, 'header CSP')),
      ...(meta === null ? ['renderer index.html has no CSP meta tag'] : cspProblems(meta, 'index.html CSP')),
    ];
  },
  'csp-on-every-response': (b) =>
    /onHeadersReceived\([\s\S]{0,300}"Content-Security-Policy"\s*:\s*\[CSP\]/.test(b.main) ? [] : ['responses do not get the CSP header (session.webRequest.onHeadersReceived)'],
  'navigation-blocked': (b) => [
    ...(/"will-navigate"\s*,\s*\(event[^)]*\)\s*=>\s*\{\s*event\.preventDefault\(\)/.test(b.main) ? [] : ['will-navigate does not call event.preventDefault() first']),
    ...(/"will-redirect"\s*,\s*\(event\)\s*=>\s*event\.preventDefault\(\)/.test(b.main) ? [] : ['will-redirect is not prevented']),
  ],
  'new-windows-denied': (b) => [
    ...(/setWindowOpenHandler\([\s\S]{0,200}return\s*\{\s*action:\s*"deny"\s*\}/.test(b.main) ? [] : ['setWindowOpenHandler does not return { action: "deny" }']),
    ...(/action:\s*"allow"/.test(b.mainAll) ? ['a window-open handler allows new windows'] : []),
  ],
  'external-https-only': (b) => {
    const calls = (b.mainAll.match(/shell\.openExternal\(/g) ?? []).length;
    const guarded = (b.mainAll.match(/if\s*\(\/\^https:\\\/\\\/\/i?\.test\((\w+)\)\)\s*(?:void\s+)?shell\.openExternal\(\1\)/g) ?? []).length;
    return calls === guarded ? [] : [`${calls - guarded} shell.openExternal call(s) not guarded by an https-only test`];
  },
  'no-remote-content': (b) => {
    const p = [];
    if (/\.loadURL\(\s*["'`]/.test(b.mainAll)) p.push('loadURL of a literal URL');
    for (const m of b.mainAll.matchAll(/\.loadURL\((\w+)\)/g)) {
      // The only URL allowed: electron-vite's dev server, read only in an unpackaged build.
      if (!new RegExp(`\\b${m[1]}\\s*=\\s*!app\\.isPackaged\\s*\\?`).test(b.mainAll)) p.push(`loadURL(${m[1]}) not gated by !app.isPackaged`);
    }
    if (!/\.loadFile\(/.test(b.main)) p.push('the window does not load the bundled renderer with loadFile');
    for (const m of b.html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)) if (/^(https?:)?\/\//i.test(m[1])) p.push(`index.html loads remote ${m[1]}`);
    return p;
  },
  'ipc-validated': (b) => {
    const p = [];
    const handlers = [...b.mainAll.matchAll(/ipcMain\.(on|handle|once)\(/g)].length;
    if (handlers !== 1) p.push(`expected exactly one ipcMain handler, found ${handlers}`);
    if (!/ipcMain\.on\(IPC_SEND,\s*\(event,\s*message\)\s*=>\s*\{\s*if\s*\(!isAppFrame\(event\.senderFrame/.test(b.main)) p.push('IPC handler does not check the sender frame first');
    if (!/checkMethod\(message\.method\)/.test(b.mainAll)) p.push('IPC method not checked against the API (checkMethod)');
    if (!/validateArgs\(\w+,\s*message\.args\)/.test(b.mainAll)) p.push('IPC args not validated against the API schema (validateArgs)');
    return p;
  },
  'preload-minimal': (b) => {
    const p = [];
    const exposed = [...b.preload.matchAll(/exposeInMainWorld\(\s*["'](\w+)["']/g)].map((m) => m[1]);
    if (exposed.length !== 1 || exposed[0] !== 'edgelab') p.push(`preload exposes ${JSON.stringify(exposed)} (expected only "edgelab")`);
    if (/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/.test(b.preload) || /\bipcRenderer\s*:/.test(b.preload)) p.push('preload exposes ipcRenderer itself');
    if (/require\(["'](node:)?(fs|child_process|path|os)["']\)/.test(b.preload)) p.push('preload requires Node modules');
    return p;
  },
  'permissions-denied': (b) => (/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)\)/.test(b.main) ? [] : ['permission requests are not denied']),
};

/** Runs every check on the build in `outDir`: [{ name, ok, problems }]. */
export function checkElectron(outDir) {
  const build = readBuild(outDir);
  return Object.entries(CHECKS).map(([name, check]) => {
    const problems = check(build);
    return { name, ok: problems.length === 0, problems };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'out'));
  const results = checkElectron(outDir);
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.problems.join('; ')}`}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed}/${results.length} Electron checklist items hold`);
  process.exit(failed ? 1 : 0);
}
