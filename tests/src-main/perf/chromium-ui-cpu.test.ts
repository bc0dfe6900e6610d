// bench:graph's chromiumUiCpuMs (chromium-ui-cpu.ts): the CPU time of this process's descendants whose command line
// carries a flag, read from /proc. Real processes: children that burn a known amount of CPU (measured by their own
// process.cpuUsage, not by wall time, so a loaded machine changes nothing), one of them a grandchild under `sh`.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { descendantsCpuMs } from '../../../src-main/perf/chromium-ui-cpu';

/** Burns `ms` of CPU, prints "done", then idles until killed. */
const burner = (ms: number) =>
  `const t=${ms}*1000;while(process.cpuUsage().user+process.cpuUsage().system<t){}process.stdout.write('done');setInterval(()=>{},1e6)`;

const kids: ChildProcess[] = [];
// Each burner leads its own process group: killing the group ends the grandchild under sh too.
afterAll(() => kids.forEach((k) => process.kill(-k.pid!, 'SIGKILL')));

function start(cmd: string, args: string[]): Promise<ChildProcess> {
  const k = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  kids.push(k);
  return new Promise((resolve, reject) => {
    k.stdout!.on('data', (d: Buffer) => d.toString().includes('done') && resolve(k));
    k.once('exit', (c) => reject(new Error(`burner exited with ${c}`)));
  });
}

describe.runIf(existsSync('/proc/self/stat'))('descendantsCpuMs', () => {
  it("sums the CPU time of this process's descendants carrying the flag, grandchildren included, and nothing else", async () => {
    expect(descendantsCpuMs('--zz-ui-a')).toBe(0);
    // A grandchild (node under sh) with flag A burning 600 ms; a child with flag B burning 300 ms.
    await start('sh', ['-c', `"${process.execPath}" -e "${burner(600)}" -- --zz-ui-a; true`]);
    const b = await start(process.execPath, ['-e', burner(300), '--', '--zz-ui-b']);
    const a = descendantsCpuMs('--zz-ui-a')!;
    const bb = descendantsCpuMs('--zz-ui-b')!;
    // Node's start-up adds some CPU of its own; /proc counts in 10 ms ticks.
    expect(a).toBeGreaterThanOrEqual(580);
    expect(a).toBeLessThan(600 + 1000);
    expect(bb).toBeGreaterThanOrEqual(280);
    expect(bb).toBeLessThan(300 + 1000);
    // A flag nobody carries, or a root without descendants: nothing.
    expect(descendantsCpuMs('--zz-ui-none')).toBe(0);
    expect(descendantsCpuMs('--zz-ui-b', b.pid!)).toBe(0);
  }, 30_000);
});
