// Step cache: content hashes follow the bytes (a TF.js model.json's shards included, folders by name and bytes);
// keys change with every part of their material; a step is done iff its result.json was committed.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAttempt, contentHash, openAttempt, readDone, stepDir, stepKey, stepsDir, type StepRecord } from '../../../src-main/lab/cache';
import type { LabStep } from '../../../src-main/lab/plan';
import { callArgv } from '../../../src-main/lab/step-call';
import { sweepTemps } from '../../../src-main/workspace/atomic';
import { REPO } from './tiny-lab';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-lab-cache-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const step: LabStep = { id: 'convert:face:fp16', kind: 'convert', deps: [], method: 'convertModel', args: { model: 'blazeface-front', to: 'fp16' }, inputs: [], settings: { model: 'face' }, outputs: {}, memoryMb: 1 };

describe('lab cache', () => {
  it('contentHash: a TF.js model.json hashes its weight shards; a folder hashes names and bytes', async () => {
    const m = join(dir, 'tfjs');
    await fs.mkdir(m);
    await fs.copyFile(join(REPO, 'models', 'faceres', 'faceres.json'), join(m, 'faceres.json'));
    const manifest = JSON.parse(await fs.readFile(join(m, 'faceres.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    const shard = manifest.weightsManifest[0].paths[0];
    await fs.copyFile(join(REPO, 'models', 'faceres', shard), join(m, shard));
    const h1 = await contentHash(join(m, 'faceres.json'));
    const d1 = await contentHash(m);
    const fh = await fs.open(join(m, shard), 'r+');
    await fh.write(Buffer.from([0x7f]), 0, 1, 100); // one byte of one shard
    await fh.close();
    expect(await contentHash(join(m, 'faceres.json'))).not.toBe(h1);
    expect(await contentHash(m)).not.toBe(d1);
    await fs.writeFile(join(dir, 'a.txt'), 'x');
    expect(await contentHash(join(dir, 'a.txt'))).toBe('2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'); // sha256("x")
    await expect(contentHash(join(dir, 'none'))).rejects.toThrow(/does not exist/);
  });

  it('stepKey changes with method, args, settings, input hashes, dependency keys and version', () => {
    const k = stepKey(step, '1', ['a'], ['d']);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(stepKey(step, '1', ['a'], ['d'])).toBe(k);
    expect(stepKey({ ...step, args: { ...step.args, frames: 2 } } as LabStep, '1', ['a'], ['d'])).not.toBe(k);
    expect(stepKey({ ...step, method: 'inspectModel', args: { model: 'blazeface-front' } }, '1', ['a'], ['d'])).not.toBe(k);
    expect(stepKey({ ...step, settings: { model: 'other' } }, '1', ['a'], ['d'])).not.toBe(k);
    expect(stepKey(step, '1', ['b'], ['d'])).not.toBe(k);
    expect(stepKey(step, '1', ['a'], ['e'])).not.toBe(k);
    expect(stepKey(step, '2', ['a'], ['d'])).not.toBe(k);
  });

  it('done iff committed: an open attempt is invisible and swept once its owner is gone; commit publishes result.json', async () => {
    const lab = join(dir, 'lab');
    const key = 'k'.repeat(64);
    const tmp = await openAttempt(lab, key);
    await fs.writeFile(join(tmp, 'model.onnx'), 'bytes');
    expect(await readDone(lab, key)).toBeNull();
    const record: StepRecord = { version: 1, id: step.id, kind: 'convert', key, method: step.method, args: step.args, argv: callArgv(step), durationMs: 5, finishedAt: new Date(0).toISOString(), stdout: { ok: true } };
    await commitAttempt(lab, tmp, record);
    expect(await readDone(lab, key)).toEqual(record);
    expect(await fs.readFile(join(stepDir(lab, key), 'model.onnx'), 'utf8')).toBe('bytes');
    // a second commit of the same key (--force) replaces the folder
    const tmp2 = await openAttempt(lab, key);
    await commitAttempt(lab, tmp2, { ...record, durationMs: 7 });
    expect((await readDone(lab, key))?.durationMs).toBe(7);
    await expect(fs.stat(join(stepDir(lab, key), 'model.onnx'))).rejects.toThrow();
    expect((await fs.readdir(stepsDir(lab))).filter((n) => n.startsWith('.edgelab-tmp-'))).toEqual([]);
    // a dead owner's attempt (pid that cannot exist) is swept
    await fs.mkdir(join(stepsDir(lab), `.edgelab-tmp-999999999-${key}.abc`));
    expect(await sweepTemps(stepsDir(lab))).toHaveLength(1);
  });
});
