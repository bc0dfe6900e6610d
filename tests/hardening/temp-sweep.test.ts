// Leftovers of killed processes outside the workspace: temp dirs beside an --out location (never swept when a
// workspace opens) and Chromium profiles of a PDF print killed mid-way (playwright's own profile folder stayed
// in /tmp). A dead process's pid comes from a child that has exited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TMP_MARK, buildDirAtomic } from '../../src-main/workspace/atomic';
import { PROFILE_PREFIX, findChromium, printHtmlToPdf, sweepProfiles } from '../../src-main/reports/pdf-writer';

let dir: string;
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-temp-sweep-'));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('temp sweeping outside the workspace', () => {
  it('a directory build at an --out location removes dead processes\' temps there, keeps live ones', async () => {
    const outs = join(dir, 'outs');
    await fs.mkdir(join(outs, `${TMP_MARK}${deadPid}-run-old.0123456789ab`), { recursive: true });
    await fs.writeFile(join(outs, `${TMP_MARK}${deadPid}-model.onnx.0123456789ab`), 'partial');
    await fs.mkdir(join(outs, `${TMP_MARK}${process.pid}-busy.0123456789ab`));
    await buildDirAtomic(join(outs, 'run-new'), (tmp) => fs.writeFile(join(tmp, 'x'), 'x'));
    expect((await fs.readdir(outs)).sort()).toEqual([`${TMP_MARK}${process.pid}-busy.0123456789ab`, 'run-new']);
  });

  it('sweepProfiles removes profile folders of dead processes only', async () => {
    const t = join(dir, 'tmp');
    await fs.mkdir(join(t, `${PROFILE_PREFIX}${deadPid}-abc`), { recursive: true });
    await fs.mkdir(join(t, `${PROFILE_PREFIX}${process.pid}-def`));
    await fs.mkdir(join(t, 'someone-else'));
    expect(await sweepProfiles(t)).toEqual([`${PROFILE_PREFIX}${deadPid}-abc`]);
    expect((await fs.readdir(t)).sort()).toEqual([`${PROFILE_PREFIX}${process.pid}-def`, 'someone-else']);
  });

  it.skipIf(!findChromium())('a PDF print leaves no profile folder in the temp dir', { timeout: 60_000 }, async () => {
    // Only this process's profiles (`<prefix><pid>-…`): test files running beside this one print PDFs and launch
    // Chromium in the same temp dir (a whole-suite run once saw another worker's profile appear meanwhile).
    const profiles = async () => (await fs.readdir(tmpdir())).filter((n) => n.startsWith(`${PROFILE_PREFIX}${process.pid}-`));
    const before = new Set(await profiles());
    const pdf = await printHtmlToPdf('<!doctype html><title>t</title><p>hello</p>');
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect((await profiles()).filter((n) => !before.has(n))).toEqual([]);
  });
});
