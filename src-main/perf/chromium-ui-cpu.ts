// CPU time that headless Chromium spends on its own browser UI while a browser bench measures a page: the
// renderer processes started with `--top-chrome-webui` (Chromium 156 headless loads its omnibox popup WebUI,
// chrome://omnibox-popup.top-chrome, a few hundred chrome:// scripts, at some navigations and not others). Traced on
// this 2-core machine (the Graph view of CenterNet opened in a fresh browser), that renderer took 2.3–4.9 s of CPU
// within the first 2 s in 11 of 23 runs (it did not load in the others), and the page's first paint competed with it for
// both cores. With the WebUIOmniboxPopup feature also disabled (Playwright's own disabled features kept) it still
// came in 4 of 9 runs (7 of 13 without), so the benches do not rely on that flag. bench:graph launches the browser
// seconds before its first page (the engine prepares the graphs meanwhile) and reports this time per page
// (`chromiumUiCpuMs`), so a reader can tell a sample Chromium disturbed from a slow UI (0 ms in 12 of 12 pages today).
// Linux only (/proc); null elsewhere. Processes are the descendants of `root` (default: this process, which spawned
// Chromium through playwright-core).
import { readdirSync, readFileSync } from 'node:fs';

/** The flag Chromium gives the renderers of its own top-of-window WebUIs (omnibox popup, tab search…). */
export const CHROMIUM_UI_FLAG = '--top-chrome-webui';

/** Clock ticks per second of /proc/<pid>/stat's utime/stime (USER_HZ: 100 on every Linux ABI Node supports). */
const USER_HZ = 100;

interface Proc {
  pid: number;
  ppid: number;
  /** utime + stime, ms. */
  cpuMs: number;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state ppid … utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / USER_HZ };
  } catch {
    return null; // gone meanwhile
  }
}

/** Sum of the CPU time (ms) of the descendants of `root` whose command line carries `flag`; null without /proc. */
export function descendantsCpuMs(flag: string = CHROMIUM_UI_FLAG, root: number = process.pid): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const procs = pids.map(readProc).filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let sum = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    stack.push(...(children.get(p.pid) ?? []));
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.split('\0').includes(flag)) sum += p.cpuMs;
  }
  return sum;
}
