// Lineage by path (BUILT CLI, run `npm run build` first): a variant written by `convert --out` records its kind and
// parent in its sidecar (`lineage`) and, for ONNX, in metadata_props (`edgelab.*`), so that `replay --model <file>`
// and `compare` of that run report the kind and the parent's name, never `fp32` / the file name — also when the
// ONNX variant's sidecar is lost (metadata_props alone), and for a TF.js folder (sidecar).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import catalog from '../../../../models/catalog.json';
import { readRun } from '../../../../src-main/pipeline/run-file';
import { edgelab, tempWorkspace } from './spawn-cli';

const BLAZE = catalog.models.find((m) => m.id === 'blazeface-front')!;
const SSD = catalog.models.find((m) => m.id === 'ssd-mobilenet-v2-coco')!;
let t: Awaited<ReturnType<typeof tempWorkspace>>;
let dir: string;
beforeAll(async () => {
  t = await tempWorkspace();
  dir = join(t.ws, '..');
});
afterAll(async () => {
  await t.cleanup();
});

const cli = async (args: string[]) => {
  const r = await edgelab(t.ws, args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

describe('convert --out keeps the lineage; replay and compare by path report it', () => {
  it('ONNX: sidecar lineage + metadata_props; replay by path records fp16 and the parent name; compare says so; sidecar lost → still', async () => {
    const out = join(dir, 'face-fp16.onnx');
    const conv = JSON.parse((await cli(['convert', BLAZE.id, '--to', 'fp16', '--frames', '4', '--out', out, '--json'])).stdout);
    expect(conv.output).toBe(out);
    const side = JSON.parse(await fs.readFile(join(dir, 'face-fp16.edgelab.json'), 'utf8'));
    expect(side.lineage).toMatchObject({ kind: 'fp16', parent: { name: BLAZE.name, id: BLAZE.id, sha256: BLAZE.sha256 } });
    expect(side.decoder).toEqual(BLAZE.meta.decoder);
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(out));
    const props = new Map(m.metadataProps!.map((p) => [p.key, p.value]));
    expect(props.get('edgelab.variantKind')).toBe('fp16');
    expect(JSON.parse(props.get('edgelab.parent')!)).toEqual({ name: BLAZE.name, id: BLAZE.id, sha256: BLAZE.sha256 });
    expect(JSON.parse(props.get('edgelab.meta')!).decoder).toEqual(BLAZE.meta.decoder);

    // inspect says what it is, in plain text and in --json
    const ins = await cli(['inspect', out]);
    expect(ins.stdout + ins.stderr).toMatch(new RegExp(`variant of +${BLAZE.name.replace(/[()]/g, '\\$&')} \\(${BLAZE.id}\\) → fp16, parent sha256 ${BLAZE.sha256.slice(0, 12)}`));
    expect(JSON.parse((await cli(['inspect', out, '--json'])).stdout).meta.lineage).toMatchObject({ kind: 'fp16', parent: { name: BLAZE.name } });

    const base = join(dir, 'run-base');
    const vrun = join(dir, 'run-fp16');
    await cli(['replay', '--model', BLAZE.id, '--clip', 'cup', '--frames', '6', '--out', base]);
    await cli(['replay', '--model', out, '--clip', 'cup', '--frames', '6', '--out', vrun]);
    const run = await readRun(vrun);
    expect(run.model).toMatchObject({ name: BLAZE.name, variantKind: 'fp16', path: out });
    const c = JSON.parse((await cli(['compare', base, vrun, '--json'])).stdout);
    expect(c.variant).toMatchObject({ model: BLAZE.name, variantKind: 'fp16' });
    expect(c.baseline).toMatchObject({ model: BLAZE.name, variantKind: 'fp32' });

    // the sidecar lost: the file's metadata_props give the decoder, the kind and the parent
    await fs.rm(join(dir, 'face-fp16.edgelab.json'));
    const lost = join(dir, 'run-fp16-nosidecar');
    await cli(['replay', '--model', out, '--clip', 'cup', '--frames', '6', '--out', lost]);
    expect((await readRun(lost)).model).toMatchObject({ name: BLAZE.name, variantKind: 'fp16' });
    expect((await readRun(lost)).summary.detectionsPerFrame).toBeCloseTo(run.summary.detectionsPerFrame, 9);
    // imported into the workspace (metadata from the file), a replay by its id still records fp16
    const entry = JSON.parse((await cli(['import', out, '--json'])).stdout);
    expect(entry.meta.lineage).toMatchObject({ kind: 'fp16', parent: { name: BLAZE.name } });
    const byId = join(dir, 'run-fp16-imported');
    await cli(['replay', '--model', entry.id, '--clip', 'cup', '--frames', '2', '--out', byId]);
    expect((await readRun(byId)).model.variantKind).toBe('fp16');
  }, 240_000);

  it('TF.js folder: the sidecar beside model.json gives replay by path uint8 and the parent name', async () => {
    const out = join(dir, 'ssd-u8');
    await cli(['convert', SSD.id, '--to', 'uint8', '--frames', '2', '--out', out]);
    const side = JSON.parse(await fs.readFile(join(out, 'model.edgelab.json'), 'utf8'));
    expect(side.lineage).toMatchObject({ kind: 'uint8', parent: { name: SSD.name, id: SSD.id } });
    const vrun = join(dir, 'run-ssd-u8');
    await cli(['replay', '--model', out, '--clip', 'cup', '--frames', '2', '--out', vrun]);
    expect((await readRun(vrun)).model).toMatchObject({ name: SSD.name, variantKind: 'uint8' });
  }, 240_000);
});
