// Spawns the BUILT CLI (`node bin/edgelab.mjs …`, i.e. out/main/cli.js): run `npm run build` first.
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFiles } from '../../../src-main/models/hash';
import { decodeOnnx, encodeOnnx } from '../../../src-main/formats/onnx/codec';
import { COCO80 } from '../../../src-shared/class-names';
import { ssdAs } from '../../support/ssd-relayout';
import { edgelab as spawnCli, type Ran, type SpawnOptions } from './commands/spawn-cli';

const REPO = join(import.meta.dirname, '..', '..', '..');
const CLI_BUILD = join(REPO, 'out', 'main', 'cli.js');
const CATALOG = JSON.parse(await fs.readFile(join(REPO, 'models', 'catalog.json'), 'utf8')) as {
  models: { id: string; path: string; format: string; meta: { input: { name: string } } }[];
};

let dir: string;
let ws: string;

function edgelab(args: string[], opts: Omit<SpawnOptions, 'cwd'> = {}): Promise<Ran> {
  return spawnCli(ws, args, { ...opts, cwd: dir });
}

/** Lines of stderr that are not runtime/library chatter. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('edgelab:'));
}

beforeAll(async () => {
  if (!existsSync(CLI_BUILD)) throw new Error(`${CLI_BUILD} is missing: run "npm run build" before the CLI tests`);
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-cli-')));
  ws = join(dir, 'ws');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('edgelab CLI (built)', () => {
  it('--help lists the commands on stdout and exits 0', async () => {
    const r = await edgelab(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['inspect', 'import', 'convert', 'replay', 'report', 'models', 'runs', 'demo', 'serve']) expect(r.stdout).toContain(c);
  });

  it('a usage error exits 2 with one edgelab: line', async () => {
    const r = await edgelab(['inspect']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^edgelab: .*model/);
    const r2 = await edgelab(['replay', '--model', 'x', '--clip', 'y', '--out', 'z', '--frames', 'lots']);
    expect(r2.code).toBe(2);
  });

  for (const m of CATALOG.models) {
    it(`inspect --json ${m.id}: exactly one JSON document with the InspectResult keys and right values`, async () => {
      const main = join(REPO, 'models', m.path);
      const r = await edgelab(['inspect', main, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      for (const k of ['format', 'inputs', 'outputs', 'ops', 'parameters', 'sizeBytes']) expect(j).toHaveProperty(k);
      expect(j.format).toBe(m.format);
      expect(j.inputs.map((t: { name: string }) => t.name)).toContain(m.meta.input.name);
      let size = 0;
      for (const f of await modelFiles(main)) size += (await fs.stat(f)).size;
      expect(j.sizeBytes).toBe(size);
      expect(j.parameters).toBeGreaterThan(1000);
      expect(Object.values(j.ops as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    });
  }

  it('inspect (plain text) shows the metadata a replay will use: an Ultralytics export needs no sidecar', async () => {
    const names = `{${COCO80.map((n, i) => `${i}: '${n}'`).join(', ')}}`;
    const file = join(dir, 'yolo-export.onnx');
    await fs.writeFile(file, ssdAs('yolo-v8', 'nchw01', { names, imgsz: '[300, 300]', stride: '32', task: 'detect' }));
    const r = await edgelab(['inspect', file]);
    expect(r.code, r.stderr).toBe(0);
    // plain text goes to stderr (stdout is for --json)
    expect(r.stderr).toMatch(/metadata {4}detector, decoder yolo-v8 \{"classes":80\}, labels 80 names/);
    expect(r.stderr).toMatch(/input spec {2}images NCHW float32 300×300 RGB range \[0, 1\] letterbox pad 114/);
    const bare = join(dir, 'bare-yolo.onnx');
    await fs.writeFile(bare, ssdAs('yolo-v8'));
    const b = await edgelab(['inspect', bare]);
    expect(b.stderr).toMatch(/metadata {4}none: add a sidecar <model>\.edgelab\.json \(docs\/models\.md\); layouts that fit the outputs:\n {12}yolo-v8: output0 \[1, 95, 1917\] \(C = 91\)/);
    // import says the same: the entry is stored, the fitting layouts are returned and printed.
    const imp = await edgelab(['import', bare, '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ format: 'onnx', decoderFits: ['yolo-v8: output0 [1, 95, 1917] (C = 91)'] });
    const again = await edgelab(['import', bare]);
    expect(again.stderr).toMatch(/metadata: none: add a sidecar <model>\.edgelab\.json[^\n]*\n {2}yolo-v8: output0 \[1, 95, 1917\]/);
    // The Ultralytics export has metadata: nothing to add.
    expect(JSON.parse((await edgelab(['import', file, '--json'])).stdout)).not.toHaveProperty('decoderFits');
  });

  it('convert --to fp16 --json writes a half-size ONNX variant at --out', async () => {
    const out = join(dir, 'face16.onnx');
    const r = await edgelab(['convert', join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx'), '--to', 'fp16', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.sizeBytes).toBe((await fs.stat(out)).size);
    expect(j.sizeBytes / j.sourceSizeBytes).toBeGreaterThan(0.4);
    expect(j.sizeBytes / j.sourceSizeBytes).toBeLessThan(0.7);
  });

  it('replay --json writes a run dir; report --format html compares two runs', async () => {
    const a = join(dir, 'run-a');
    const b = join(dir, 'run-b');
    const r1 = await edgelab(['replay', '--model', 'blazeface-front', '--clip', join(REPO, 'samples', 'cup.mp4'), '--frames', '6', '--out', a, '--json']);
    expect(r1.code, r1.stderr).toBe(0);
    const s1 = JSON.parse(r1.stdout);
    expect(s1.frames).toBe(6);
    expect(s1.dir).toBe(a);
    // convert --out wrote a metadata sidecar beside face16.onnx and its own edgelab.* metadata_props; a copy with
    // neither (props stripped, no sidecar) is not bundled: its meta is unknown → refused, nothing written.
    const bare = join(dir, 'bare', 'face16.onnx');
    await fs.mkdir(join(dir, 'bare'));
    const m = decodeOnnx(await fs.readFile(join(dir, 'face16.onnx')), 'face16.onnx');
    m.metadataProps = (m.metadataProps ?? []).filter((p) => !(p.key ?? '').startsWith('edgelab.'));
    await fs.writeFile(bare, encodeOnnx(m));
    const r2 = await edgelab(['replay', '--model', bare, '--clip', 'cup', '--frames', '6', '--detect-every', '2', '--score', '0.5', '--out', b]);
    expect(r2.code).toBe(1);
    expect(errorLines(r2.stderr)).toHaveLength(1);
    expect(errorLines(r2.stderr)[0]).toContain(bare);
    expect(existsSync(b)).toBe(false);
    const r3 = await edgelab(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '6', '--detect-every', '2', '--out', b, '--json']);
    expect(r3.code, r3.stderr).toBe(0);
    expect(JSON.parse(r3.stdout).frames).toBe(6);
    const html = join(dir, 'report.html');
    const rep = await edgelab(['report', a, b, '--format', 'html', '--out', html, '--title', 'cadence']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toBe('');
    const text = await fs.readFile(html, 'utf8');
    expect(text).toMatch(/<html/i);
    expect(text).toContain('cadence');
    const runs = await edgelab(['runs', '--json']);
    expect(JSON.parse(runs.stdout).map((x: { dir: string }) => x.dir)).toEqual([a, b]);
  });

  it('bad input: truncated model, text file as model, text file as clip → exit 1, one line naming the file, nothing at --out', async () => {
    const onnx = await fs.readFile(join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx'));
    const truncated = join(dir, 'truncated.onnx');
    await fs.writeFile(truncated, onnx.subarray(0, 5000));
    const text = join(dir, 'notes.txt');
    await fs.writeFile(text, 'not a model, not a video\n'.repeat(40));
    const cases: [string[], string, string][] = [
      [['convert', truncated, '--to', 'fp16', '--out', join(dir, 'o1.onnx')], truncated, join(dir, 'o1.onnx')],
      [['inspect', text, '--json'], text, join(dir, 'none')],
      [['replay', '--model', text, '--clip', 'cup', '--out', join(dir, 'o2')], text, join(dir, 'o2')],
      [['replay', '--model', 'blazeface-front', '--clip', text, '--frames', '3', '--out', join(dir, 'o3')], text, join(dir, 'o3')],
    ];
    for (const [args, file, out] of cases) {
      const r = await edgelab(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      const lines = errorLines(r.stderr);
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('two processes importing into one workspace at once lose neither entry (manifest lock)', async () => {
    const [a, b] = await Promise.all([
      edgelab(['import', 'centernet-mobilenet-v3-coco', '--json']),
      edgelab(['import', 'faceres', '--json']),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const list = JSON.parse((await edgelab(['models', '--json'])).stdout) as { id: string }[];
    expect(list.map((m) => m.id)).toEqual(expect.arrayContaining([JSON.parse(a.stdout).id, JSON.parse(b.stdout).id]));
    const again = await edgelab(['import', join(REPO, 'models', 'faceres', 'faceres.json'), '--json']);
    expect(JSON.parse(again.stdout).id).toBe(JSON.parse(b.stdout).id);
  });

  it('Ctrl-C cancels a running replay at once: exit 130, no run dir, the replay stops within a few frames', async () => {
    const out = join(dir, 'cancelled');
    let sent = false;
    let doneAtKill = 0;
    let doneLast = 0;
    const r = await edgelab(['replay', '--model', 'ssd-mobilenet-v2-coco', '--clip', 'cup', '--out', out], {
      onStderr: (chunk, kill) => {
        // progress lines: "replay 12/217 frames"; the highest count seen so far
        for (const m of chunk.matchAll(/(\d+)\/\d+ frames/g)) doneLast = Math.max(doneLast, Number(m[1]));
        if (!sent && doneLast >= 3) {
          sent = true;
          doneAtKill = doneLast;
          kill('SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    // A starved event loop (the signal handled only at the end) would let the replay run on to ~217 frames.
    expect(doneLast - doneAtKill).toBeLessThan(40);
    expect(existsSync(out)).toBe(false);
    expect((await fs.readdir(dir)).filter((n) => n.startsWith('.edgelab-tmp-'))).toEqual([]);
  });
});
