// Uploads: files from the user's desk copied into `<workspace>/imports/<kind>/` by the local server (the only way in
// for a browser, whose paths the confined server refuses). One list of kinds: the server, the renderer's upload
// field and the docs derive from it.
//   POST /api/upload   Authorization: Bearer <token>, Content-Type: application/octet-stream
//     X-Upload-Kind: one of UPLOAD_KINDS
//     X-Upload-Files: encodeURIComponent(JSON.stringify([{ name, size }, …])) — names as on the desk, sizes in bytes
//     body = the files' bytes one after the other, in that order (Content-Length = sum of sizes).
//   200 application/json UploadResult · 400/413 { code: 'BAD_INPUT', message } naming the file · 401/403 as /api/call.
// Models arrive as one group (a TF.js model.json with its .bin shards, or an .onnx/.tflite with its .edgelab.json
// sidecar) and land in a folder of their own; every other kind is one file per request.

export const UPLOAD_KINDS = ['model', 'clip', 'labels', 'bench'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** Folder under `<workspace>/imports/` per kind. */
export const UPLOAD_FOLDERS: Record<UploadKind, string> = { model: 'models', clip: 'clips', labels: 'labels', bench: 'bench' };

/** Largest model upload, bytes, all files of the group together (1 GiB: the bundled models are 0.4–18 MB). */
export const MAX_MODEL_UPLOAD_BYTES = 2 ** 30;
/** Largest clip upload, bytes (1 GiB: ~15 min of 1080p phone video at 10 Mbit/s). */
export const MAX_CLIP_UPLOAD_BYTES = 2 ** 30;
/** Most files in one upload (a model and its shards). */
export const MAX_UPLOAD_FILES = 256;

export const UPLOAD_KIND_HEADER = 'x-upload-kind';
export const UPLOAD_FILES_HEADER = 'x-upload-files';

/** What the user picks, per kind (the file input's `accept`; '' = any file: TF.js shards may have no extension,
 *  e.g. the bundled SSD's group1-shard1of5). */
export const UPLOAD_ACCEPT: Record<UploadKind, string> = {
  model: '',
  clip: 'video/*,.mp4,.avi,.mov,.mkv,.webm',
  labels: '.txt,.json',
  bench: '.json,.csv,.txt,.log,.md',
};

export interface UploadFileEntry {
  name: string;
  /** Bytes. */
  size: number;
}

export interface UploadResult {
  kind: UploadKind;
  /** Absolute path of the file to use (a model's model.json / .onnx / .tflite), inside the workspace. */
  path: string;
  /** The same path relative to the workspace, '/'-separated (e.g. imports/bench/pixel3.csv). */
  workspacePath: string;
  /** Every file written, relative to the workspace. */
  files: string[];
  /** Bytes received. */
  bytes: number;
}

/**
 * A desk file name made safe as one path segment: folders dropped (`../x` → `x`), characters outside
 * [A-Za-z0-9._ -] replaced by `_`, no leading dot, at most 120 characters. Null when nothing usable is left.
 */
export function safeUploadName(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  let s = last.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '').trim();
  if (s.length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s === '' || /^\.+$/.test(s) ? null : s;
}

/** The file of a model group the engine opens: an .onnx, a .tflite, or a .json that is not a sidecar. */
export function isPrimaryModelFile(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.onnx') || n.endsWith('.tflite') || (n.endsWith('.json') && !n.endsWith('.edgelab.json'));
}
