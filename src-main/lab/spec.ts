// Lab spec: one YAML naming models, variant kinds (with calibration options), clips (with optional labels), replay
// settings, benchmark files to import, gates and report formats. Parsed with `yaml` (keeps node ranges, so an error
// names the line), validated with zod, then cross-checked (references between sections, files exist).
// Paths in a spec are relative to the spec file's folder. Format reference: docs/lab-spec.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { labSpecSchema, type LabModel, type LabSpec, type LabVariant } from './spec-schema';
import { EdgeLabError } from '../../src-shared/protocol';
import { readRegularFileSync } from '../workspace/regular-file';
import { findBundledClip, findBundledModel } from '../models/catalog';
import { parseGates } from '../evaluate/gates';
import { listTransforms } from '../transforms/registry';
import type { ModelFormat } from '../../src-shared/types/model';

export { REPORT_FORMATS, VARIANT_KINDS, labSpecSchema, type LabClip, type LabModel, type LabSpec, type LabVariant } from './spec-schema';

export interface LoadedSpec {
  spec: LabSpec;
  /** Absolute path of the YAML. */
  file: string;
  /** Folder relative paths are resolved against (the spec's folder). */
  dir: string;
  /** The YAML text as read (its hash is part of nothing: keys come from settings and input contents). */
  text: string;
}

/** Gates as one compare --fail-on string (undefined: none set). */
export function gatesString(spec: LabSpec): string | undefined {
  return Array.isArray(spec.gates) ? spec.gates.join(',') : spec.gates;
}

type Path = (string | number)[];

/** "line N" of the node at `path` (or of its nearest existing parent), for error messages. */
function lineOf(doc: Document, lc: LineCounter, path: Path): string {
  for (let p = path; ; p = p.slice(0, -1)) {
    const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return `line ${lc.linePos(node.range[0]).line}`;
    if (p.length === 0) return 'line 1';
  }
}

const fieldName = (path: Path) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') || '(top level)';

/**
 * Throws when the host may not read a path (the confined server's policy): called on every file path of the spec
 * BEFORE its existence is looked at, so that the answer for a path outside the roots is the same whether or not it
 * exists.
 */
export type SpecPathCheck = (abs: string) => void;

/** Reads, parses and validates a lab spec. Every problem is a BAD_INPUT naming the file, the line and the field. */
export function loadSpec(specPath: string, checkPath?: SpecPathCheck): LoadedSpec {
  const file = resolve(specPath);
  let text: string;
  try {
    text = readRegularFileSync(file, 'lab spec').toString('utf8');
  } catch (e) {
    if (e instanceof EdgeLabError) throw e;
    throw new EdgeLabError('BAD_INPUT', `cannot read the lab spec: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
  return parseSpec(text, file, checkPath);
}

/** Same as loadSpec over text already read; `file` names the spec in errors and anchors relative paths. */
export function parseSpec(text: string, file: string, checkPath?: SpecPathCheck): LoadedSpec {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = `line ${(e.linePos?.[0] ?? lc.linePos(e.pos[0])).line}`;
    throw new EdgeLabError('BAD_INPUT', `${at}: not valid YAML: ${e.message.split('\n')[0]}`, file);
  }
  let raw: unknown;
  try {
    raw = doc.toJS(); // throws on alias bombs ("Excessive alias count …", yaml's resource-exhaustion guard)
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `line 1: not a usable YAML document: ${(e as Error).message.split('\n')[0]}`, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new EdgeLabError('BAD_INPUT', 'line 1: a lab spec is a YAML mapping (name, models, variants, clips, …)', file);
  }
  const r = labSpecSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    throw new EdgeLabError('BAD_INPUT', `${lineOf(doc, lc, path)}: field ${fieldName(path)}: ${issue.message}`, file);
  }
  const dir = dirname(file);
  const fail = (path: Path, problem: string): never => {
    throw new EdgeLabError('BAD_INPUT', `${lineOf(doc, lc, path)}: field ${fieldName(path)}: ${problem}`, file);
  };
  crossCheck(r.data, dir, fail, checkPath);
  return { spec: r.data, file, dir, text };
}

/** Absolute path of a spec path (relative to the spec's folder). */
export function specPath(dir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dir, p);
}

function crossCheck(spec: LabSpec, dir: string, fail: (path: Path, problem: string) => never, checkPath?: SpecPathCheck): void {
  const mustExist = (path: Path, p: string, what: string) => {
    const abs = specPath(dir, p);
    checkPath?.(abs);
    if (!existsSync(abs)) fail(path, `${what} ${abs} does not exist (paths are relative to the spec's folder)`);
  };
  const unique = (xs: { id: string }[], section: string) => {
    const seen = new Set<string>();
    xs.forEach((x, i) => {
      if (seen.has(x.id)) fail([section, i, 'id'], `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
  };
  unique(spec.models, 'models');
  unique(spec.clips, 'clips');
  spec.models.forEach((m, i) => {
    if (!findBundledModel(m.model)) mustExist(['models', i, 'model'], m.model, 'model');
    if (m.embedder !== undefined && !findBundledModel(m.embedder)) mustExist(['models', i, 'embedder'], m.embedder, 'embedder');
  });
  const modelIds = new Set(spec.models.map((m) => m.id));
  spec.variants.forEach((v, i) => {
    (v.models ?? []).forEach((id, j) => {
      if (!modelIds.has(id)) fail(['variants', i, 'models', j], `unknown model id "${id}" (models: ${[...modelIds].join(', ')})`);
    });
    const c = v.calibration?.clip;
    if (c !== undefined && !findBundledClip(c)) mustExist(['variants', i, 'calibration', 'clip'], c, 'calibration source');
    if (v.models) {
      v.models.forEach((id, j) => {
        const m = spec.models.find((x) => x.id === id) as LabModel;
        const f = modelFormat(dir, m.model);
        if (!hasTransform(v.kind, f)) fail(['variants', i, 'models', j], `no ${v.kind} transform for ${id} (a ${f} model)`);
      });
    } else if (variantModels(spec, dir, v).length === 0) fail(['variants', i, 'kind'], `no model of this lab has a ${v.kind} transform`);
    if (v.calibration?.percentile !== undefined && v.calibration.method !== 'percentile') {
      fail(['variants', i, 'calibration', 'percentile'], 'percentile needs method: percentile');
    }
  });
  spec.clips.forEach((c, i) => {
    if (!findBundledClip(c.clip)) mustExist(['clips', i, 'clip'], c.clip, 'clip');
    if (c.gt !== undefined) mustExist(['clips', i, 'gt'], c.gt, 'labels file');
    (c.models ?? []).forEach((id, j) => {
      if (!modelIds.has(id)) fail(['clips', i, 'models', j], `unknown model id "${id}" (models: ${[...modelIds].join(', ')})`);
    });
  });
  spec.bench.forEach((b, i) => {
    mustExist(['bench', i, 'file'], b.file, 'benchmark file');
    if (statSync(specPath(dir, b.file)).isDirectory()) fail(['bench', i, 'file'], 'is a folder; name the benchmark file');
    if (b.variant !== undefined) {
      const [model, kind = 'fp32', extra] = b.variant.split('/');
      if (extra !== undefined || !modelIds.has(model)) fail(['bench', i, 'variant'], `"${b.variant}" is not "<model id>/<kind>" of this lab`);
      if (kind !== 'fp32' && !spec.variants.some((v) => v.kind === kind && (v.models ?? [...modelIds]).includes(model))) {
        fail(['bench', i, 'variant'], `the lab makes no ${kind} variant of ${model}`);
      }
    }
  });
  const gates = gatesString(spec);
  if (gates !== undefined) {
    try {
      parseGates(gates);
    } catch (e) {
      fail(['gates'], (e as Error).message);
    }
  }
}

/** Format of a model reference: the catalog's for a bundled id; for a path, .onnx → onnx, .tflite → tflite, else TF.js graph. */
export function modelFormat(dir: string, model: string): ModelFormat {
  const b = findBundledModel(model);
  if (b) return b.format;
  return /\.onnx$/i.test(model) ? 'onnx' : /\.tflite$/i.test(model) ? 'tflite' : 'tfjs-graph';
}

/** Model ids a variant is made of: its `models`, or every model whose format has a transform of that kind. */
export function variantModels(spec: LabSpec, dir: string, v: LabVariant): LabModel[] {
  if (v.models) return v.models.map((id) => spec.models.find((m) => m.id === id) as LabModel);
  return spec.models.filter((m) => hasTransform(v.kind, modelFormat(dir, m.model)));
}

function hasTransform(kind: LabVariant['kind'], format: ModelFormat): boolean {
  return listTransforms().some((t) => t.kind === kind && t.format === format);
}
