// `edgelab run` (BUILT CLI, run `npm run build` first) on the tiny lab: --json keys and the summary table; exit 3
// when a gate fails, 1 for a bad spec (one line naming the file), 2 for usage; and the crash test: the run process
// SIGKILLed at random points (3 iterations), then run again → the same lab report as an uninterrupted run
// (generatedAt aside), no temp leftovers, no orphaned step process.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportWithoutTime, tinyLab, walk, type TinyLab } from '../../lab/tiny-lab';
import { edgelab, type Ran } from './spawn-cli';

let t: TinyLab;
let ref: Ran;
/** Wall time of the uninterrupted run, ms (the kills are drawn within it). */
let refMs = 0;
/** The uninterrupted run's lab report (later runs in t.ws rewrite the file). */
let refReport: string;
beforeAll(async () => {
  t = await tinyLab();
  const t0 = Date.now();
  ref = await edgelab(t.ws, ['run', t.spec, '--json', '--jobs', '2']);
  refMs = Date.now() - t0;
  if (ref.code === 0) refReport = await reportWithoutTime(JSON.parse(ref.stdout).labReport);
}, 400_000);
afterAll(async () => {
  await t.cleanup();
});

/** Pids of live processes whose command line mentions `text`. */
function processesWith(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

describe('edgelab run', () => {
  it('--json: the LabResult keys, every step done; without --json the summary table on stderr', async () => {
    expect(ref.code, ref.stderr).toBe(0);
    const j = JSON.parse(ref.stdout);
    for (const k of ['labDir', 'steps', 'summary', 'gates', 'passed', 'reports', 'verdicts', 'labReport']) expect(j).toHaveProperty(k);
    expect(j.steps.every((s: { status: string }) => s.status === 'done')).toBe(true);
    expect(j.passed).toBe(true);
    expect(ref.stderr).toMatch(/^\[\d\/9\] compare:face:fp16:cup: done$/m); // progress lines per step (not a TTY)
    const human = await edgelab(t.ws, ['run', t.spec]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('9 steps — 0 ran, 9 cached');
    expect(human.stderr).toMatch(/^model\s+variant\s+clip\s+seconds\s+device\s+delegate\s+sizeRatio\s+snrDb/m);
    expect(human.stderr).toMatch(/^face\s+fp16\s+cup\s+[\d.]+\s+workstation/m);
    expect(human.stderr).toContain('gates: PASS');
  }, 120_000);

  it('exit 3 when a gate fails (nothing re-run), 1 for a bad spec naming it, 2 for usage', async () => {
    const gate = await edgelab(t.ws, ['run', t.spec, '--fail-on', 'map50>=0', '--json']);
    expect(gate.code, gate.stderr).toBe(3);
    const j = JSON.parse(gate.stdout);
    expect(j.passed).toBe(false);
    expect(j.steps.every((s: { status: string }) => s.status === 'cached')).toBe(true);
    const bad = join(t.dir, 'bad.yaml');
    await fs.writeFile(bad, 'name: bad\nmodels: [{ id: m, model: blazeface-front }]\nvariants: [{ kind: int3 }]\nclips: [{ id: c, clip: cup }]\n');
    const r = await edgelab(t.ws, ['run', bad]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('edgelab:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(bad);
    expect(lines[0]).toContain('line 3: field variants[0].kind');
    expect((await edgelab(t.ws, ['run'])).code).toBe(2);
    expect((await edgelab(t.ws, ['run', t.spec, '--jobs', '0'])).code).toBe(2);
  }, 120_000);

  it('SIGKILL at random points, then a rerun: the same report as without a kill, no leftovers, no orphans', async () => {
    const ws = join(t.dir, 'ws-killed');
    const kills: number[] = [];
    const orphanMs: number[] = [];
    let killed = 0;
    for (let i = 0; i < 3; i++) {
      // After the first output line, within the first 70 % of the uninterrupted run's time (the tiny lab took 20 s on
      // one machine and 6 s on a faster one, where a fixed 0.3–6.3 s window let all three runs finish first), so the
      // first kill lands during convert, replay, compare or report, and the later iterations resume from what the
      // earlier ones finished (or finish first).
      const delay = 300 + Math.floor(Math.random() * Math.max(300, 0.7 * refMs - 300));
      kills.push(delay);
      let armed = false;
      const r = await edgelab(ws, ['run', t.spec, '--jobs', '2'], {
        onStderr: (_c, kill) => {
          if (armed) return;
          armed = true;
          setTimeout(() => kill('SIGKILL'), delay);
        },
      });
      expect(r.code === null || r.code === 0, `iteration ${i}: SIGKILLed after ${delay} ms, or finished first; exit ${r.code}: ${r.stderr}`).toBe(true);
      if (r.code === null) killed++;
      // The steps it had started notice their parent is gone and stop by themselves.
      const t0 = Date.now();
      while (processesWith(ws).length && Date.now() - t0 < 20_000) await new Promise((ok) => setTimeout(ok, 100));
      expect(processesWith(ws), `iteration ${i}: step processes still alive`).toEqual([]);
      orphanMs.push(Date.now() - t0);
    }
    expect(killed).toBeGreaterThan(0);
    const final = await edgelab(ws, ['run', t.spec, '--json', '--jobs', '2']);
    expect(final.code, `kills at ${kills.join(', ')} ms: ${final.stderr}`).toBe(0);
    const j = JSON.parse(final.stdout);
    const refJson = JSON.parse(ref.stdout);
    expect(await reportWithoutTime(j.labReport)).toBe(refReport);
    expect(j.summary).toEqual(refJson.summary);
    expect((await walk(ws)).filter((n) => n.includes('.edgelab-tmp-'))).toEqual([]);
    expect(processesWith(ws)).toEqual([]);
    console.log(JSON.stringify({ killsMs: kills, orphansGoneAfterMs: orphanMs, statuses: j.steps.map((s: { status: string }) => s.status) }));
  }, 600_000);
});
