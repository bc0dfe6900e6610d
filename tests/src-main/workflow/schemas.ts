// Validators built from the engines' published schemas vendored in tests/fixtures/schemas (see PROVENANCE.md):
// Argo's JSON schema (draft 2020-12) through ajv, and KFP's pipeline_spec.proto through protobufjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import protobuf from 'protobufjs';

export const SCHEMAS = join(import.meta.dirname, '..', '..', 'fixtures', 'schemas');

/**
 * Kubernetes OpenAPI schemas leave objects open (no additionalProperties), so a misspelt field would pass. The
 * strict copy closes every object that lists its properties, so that unknown fields fail too.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) node.forEach(closeObjects);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object' && o.additionalProperties === undefined && !o.$ref) o.additionalProperties = false;
    for (const v of Object.values(o)) closeObjects(v);
  }
}

export function argoValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, 'argo', 'schema.json'), 'utf8')) as Record<string, unknown>;
  closeObjects(schema.definitions);
  // Kubernetes formats (int32, int64, date-time, …) are not value checks we need; types and fields are.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema, 'argo');
  const validate = ajv.compile({ $ref: 'argo#/definitions/io.argoproj.workflow.v1alpha1.Workflow' });
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

export function kfpRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(SCHEMAS, 'kfp', target.replace(/^.*\/kfp\//, '')));
  root.loadSync('pipeline_spec.proto', { keepCase: false });
  root.resolveAll();
  return root;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const OPEN = new Set(['.google.protobuf.Struct', '.google.protobuf.Value', '.google.protobuf.ListValue', '.google.protobuf.Any']);

/**
 * Proto3 JSON mapping check of `value` against message `type`: every key is a field (lowerCamelCase or original
 * name), scalars have the field's JSON type, enums name a value, repeated/map fields hold arrays/objects of the
 * element type, at most one field per oneof. Struct/Value fields hold any JSON. Returns problems with their paths.
 */
export function protoJsonProblems(type: protobuf.Type, value: unknown, path = '$'): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object for ${type.fullName}`];
  const out: string[] = [];
  const byName = new Map<string, protobuf.Field>();
  for (const f of type.fieldsArray) {
    byName.set(f.name, f);
    byName.set(camel(f.name), f);
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => (value as Record<string, unknown>)[f.name] !== undefined);
    if (set.length > 1) out.push(`${path}: oneof ${oneof.name} has ${set.map((f) => f.name).join(' and ')}`);
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const f = byName.get(k);
    if (!f) {
      out.push(`${path}.${k}: no field ${k} in ${type.fullName}`);
      continue;
    }
    f.resolve();
    const one = (x: unknown, p: string): string[] => {
      if (f.resolvedType instanceof protobuf.Type) return OPEN.has(f.resolvedType.fullName) ? [] : protoJsonProblems(f.resolvedType, x, p);
      if (f.resolvedType instanceof protobuf.Enum) return typeof x === 'string' && x in f.resolvedType.values ? [] : [`${p}: ${JSON.stringify(x)} is not a ${f.resolvedType.fullName}`];
      if (f.type === 'string' || f.type === 'bytes') return typeof x === 'string' ? [] : [`${p}: expected a string`];
      if (f.type === 'bool') return typeof x === 'boolean' ? [] : [`${p}: expected a boolean`];
      return typeof x === 'number' || (typeof x === 'string' && /^-?\d+$/.test(x)) ? [] : [`${p}: expected a number`];
    };
    if (f instanceof protobuf.MapField) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) out.push(`${path}.${k}: expected a map`);
      else for (const [mk, mv] of Object.entries(v)) out.push(...one(mv, `${path}.${k}[${JSON.stringify(mk)}]`));
    } else if (f.repeated) {
      if (!Array.isArray(v)) out.push(`${path}.${k}: expected a list`);
      else v.forEach((x, i) => out.push(...one(x, `${path}.${k}[${i}]`)));
    } else out.push(...one(v, `${path}.${k}`));
  }
  return out;
}

/** A KFP IR document: PipelineSpec without its Struct-typed deploymentSpec, and that against PipelineDeploymentConfig. */
export function kfpProblems(root: protobuf.Root, doc: Record<string, unknown>): string[] {
  const spec = root.lookupType('ml_pipelines.PipelineSpec');
  const deploy = root.lookupType('ml_pipelines.PipelineDeploymentConfig');
  const { deploymentSpec, ...rest } = doc;
  const problems = [...protoJsonProblems(spec, rest), ...protoJsonProblems(deploy, deploymentSpec, '$.deploymentSpec')];
  // And protobufjs's own conversion + verification of the same objects.
  const check = (t: protobuf.Type, o: unknown): string[] => {
    try {
      const err = t.verify(t.fromObject(o as Record<string, unknown>));
      return err ? [`verify ${t.name}: ${err}`] : [];
    } catch (e) {
      return [`fromObject ${t.name}: ${(e as Error).message}`];
    }
  };
  return [...problems, ...check(spec, rest), ...check(deploy, deploymentSpec)];
}
