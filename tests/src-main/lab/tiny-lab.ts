// A tiny real lab for the lab tests: BlazeFace (bundled ONNX) → fp16 and int8-weights, 10 frames of cup.mp4, a real
// ONNX Runtime profile of BlazeFace as the latency file (copied beside the spec: paths are relative to the spec).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..', '..');

export const TINY_LAB = `# tiny lab for tests
name: tiny
models:
  - id: face
    model: blazeface-front
variants:
  - kind: fp16
  - kind: int8-weights
clips:
  - id: cup
    clip: cup
    frames: 10
replay:
  scoreThreshold: 0.5
  thumbnailSize: 0
bench:
  - file: bench/ort-profile-blazeface-cpu.json
    device: workstation
    variant: face/fp16
gates: map50_drop>0.5
reports: [json]
`;

/** A one-model lab as a user writes it: BlazeFace float32 + fp16 on 6 frames of cup.mp4, gates (default map50_drop>0.5), optional labels (matched class-agnostic). */
export function faceLabYaml(name: string, gates = 'map50_drop>0.5', opts: { gt?: string } = {}): string {
  return `name: ${name}
models:
  - id: face
    model: blazeface-front
variants:
  - kind: fp16
clips:
  - id: cup
    clip: cup
    frames: 6
${opts.gt ? `    gt: ${opts.gt}
    classAgnostic: true
` : ''}gates: ${gates}
reports: [json]
`;
}

export interface TinyLab {
  dir: string;
  spec: string;
  ws: string;
  cleanup(): Promise<void>;
}

/** A temp folder with lab.yaml (text `yaml`, default TINY_LAB), its bench file and a workspace path. */
export async function tinyLab(yaml = TINY_LAB): Promise<TinyLab> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-lab-'));
  await fs.mkdir(join(dir, 'bench'));
  await fs.copyFile(join(REPO, 'tests', 'fixtures', 'bench', 'ort-profile-blazeface-cpu.json'), join(dir, 'bench', 'ort-profile-blazeface-cpu.json'));
  const spec = join(dir, 'lab.yaml');
  await fs.writeFile(spec, yaml);
  return { dir, spec, ws: join(dir, 'ws'), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Every entry under `dir` (recursive, relative paths). */
export async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(join(dir, rel), { withFileTypes: true }).catch(() => [])) {
    const r = join(rel, e.name);
    out.push(r);
    if (e.isDirectory()) out.push(...(await walk(dir, r)));
  }
  return out;
}

/** A lab report JSON without its wall-clock field. */
export async function reportWithoutTime(file: string): Promise<string> {
  const j = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  delete j.generatedAt;
  return JSON.stringify(j, null, 2);
}
