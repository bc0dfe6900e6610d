// Reading TF NodeDef attributes as tfjs-converter writes them into model.json: ints as decimal strings,
// strings base64-encoded, lists under `list`, dtypes as 'DT_*' names.
import { tfDtypeName } from '../../formats/tfjs/dtypes';
import type { TfNode } from '../../formats/tfjs/manifest';

type AttrValue = { i?: string | number; f?: number; b?: boolean; s?: string; type?: string; list?: { i?: (string | number)[]; s?: string[]; f?: number[] } };

function raw(node: TfNode, key: string): AttrValue | undefined {
  return (node.attr as Record<string, AttrValue> | undefined)?.[key];
}

export function attrInt(node: TfNode, key: string, dflt: number): number {
  const v = raw(node, key)?.i;
  return v === undefined ? dflt : Number(v);
}

export function attrFloat(node: TfNode, key: string, dflt: number): number {
  const v = raw(node, key)?.f;
  return v === undefined ? dflt : Number(v);
}

export function attrBool(node: TfNode, key: string, dflt: boolean): boolean {
  const v = raw(node, key)?.b;
  return v === undefined ? dflt : !!v;
}

function b64(s: string): string {
  return Buffer.from(s, 'base64').toString('utf8');
}

export function attrString(node: TfNode, key: string, dflt: string): string {
  const v = raw(node, key)?.s;
  return v === undefined ? dflt : b64(v);
}

export function attrInts(node: TfNode, key: string): number[] | undefined {
  const l = raw(node, key)?.list;
  return l ? (l.i ?? []).map(Number) : undefined;
}

export function attrStrings(node: TfNode, key: string): string[] {
  return (raw(node, key)?.list?.s ?? []).map(b64);
}

/** 'DT_FLOAT' → 'float32' etc. (the one TF dtype table, formats/tfjs/dtypes.ts); the raw value when unknown; undefined when absent. */
export function attrDtype(node: TfNode, key: string): string | undefined {
  const t = raw(node, key)?.type;
  return t === undefined ? undefined : (tfDtypeName(t) ?? t);
}
