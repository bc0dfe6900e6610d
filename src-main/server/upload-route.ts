// POST /api/upload (contract in src-shared/uploads.ts): the body is streamed into a temp folder inside
// `<workspace>/imports/<kind>/`, checked with the CLI's own validation (upload-check.ts), then renamed into place
// under a name that exists nowhere yet (upload-place.ts). Whatever fails, the temp folder is removed: nothing of a
// refused upload stays on disk. Limits: per-kind byte caps (uploadCap), at most MAX_UPLOAD_FILES files, and the
// server's request timeout (connection-limits.ts requestTimeoutMs, 20 s by default) bounds receiving the body —
// a stalled upload's socket is closed and its temp folder removed.
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import {
  MAX_UPLOAD_FILES,
  UPLOAD_FILES_HEADER,
  UPLOAD_FOLDERS,
  UPLOAD_KIND_HEADER,
  UPLOAD_KINDS,
  isPrimaryModelFile,
  safeUploadName,
  type UploadFileEntry,
  type UploadKind,
} from '../../src-shared/uploads';
import { sweepTemps, tmpPath } from '../workspace/atomic';
import { insideReal } from '../workspace/path-policy';
import { gate, type ApiContext } from './api-routes';
import { sendError } from './headers';
import { checkUpload, uploadCap } from './upload-check';
import { placeUpload } from './upload-place';

type Plan = { kind: UploadKind; files: UploadFileEntry[]; total: number };

/** Kind and file list from the headers, names made safe; a refusal message when they do not describe an upload. */
function readPlan(req: IncomingMessage): Plan | string {
  const kind = req.headers[UPLOAD_KIND_HEADER];
  if (typeof kind !== 'string' || !(UPLOAD_KINDS as readonly string[]).includes(kind)) return `${UPLOAD_KIND_HEADER} must be one of ${UPLOAD_KINDS.join(', ')}`;
  let list: unknown;
  try {
    list = JSON.parse(decodeURIComponent(String(req.headers[UPLOAD_FILES_HEADER] ?? '')));
  } catch {
    return `${UPLOAD_FILES_HEADER} must be encodeURIComponent(JSON) of [{ name, size }]`;
  }
  const max = kind === 'model' ? MAX_UPLOAD_FILES : 1;
  if (!Array.isArray(list) || list.length < 1 || list.length > max) return `an upload of kind ${kind} holds 1 to ${max} file(s)`;
  const files: UploadFileEntry[] = [];
  for (const e of list as { name?: unknown; size?: unknown }[]) {
    const name = typeof e?.name === 'string' ? safeUploadName(e.name) : null;
    if (!name) return `file name ${JSON.stringify(e?.name)} is not usable`;
    if (!Number.isSafeInteger(e.size) || (e.size as number) < 0) return `${name}: size must be a whole number of bytes`;
    if (files.some((f) => f.name.toLowerCase() === name.toLowerCase())) return `${name}: the same name twice in one upload`;
    files.push({ name, size: e.size as number });
  }
  if (kind === 'model' && files.filter((f) => isPrimaryModelFile(f.name)).length !== 1) {
    return 'a model upload holds exactly one .onnx, .tflite or TF.js model.json (plus its .bin shards / .edgelab.json sidecar)';
  }
  return { kind: kind as UploadKind, files, total: files.reduce((a, f) => a + f.size, 0) };
}

/** Answers an error and stops reading the body (the connection closes after the answer). */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  sendError(res, status, 'BAD_INPUT', message, { Connection: 'close' });
  req.unpipe();
  res.on('finish', () => req.destroy());
}

/** Streams the body into `dir`, one file per entry. Returns an error message, or null when every byte arrived. */
async function receive(req: IncomingMessage, dir: string, plan: Plan): Promise<string | null> {
  let i = 0;
  let left = plan.files[0]!.size;
  let fh = await fs.open(join(dir, plan.files[0]!.name), 'wx');
  try {
    const next = async () => {
      while (left === 0 && i < plan.files.length - 1) {
        await fh.close();
        i++;
        left = plan.files[i]!.size;
        fh = await fs.open(join(dir, plan.files[i]!.name), 'wx');
      }
    };
    await next();
    for await (const chunk of req as AsyncIterable<Buffer>) {
      let off = 0;
      while (off < chunk.length) {
        await next();
        if (left === 0) return `the body is longer than the declared sizes (${plan.total} bytes)`;
        const n = Math.min(left, chunk.length - off);
        await fh.write(chunk, off, n);
        off += n;
        left -= n;
      }
    }
    await next();
    return left === 0 && i === plan.files.length - 1 ? null : `${plan.files[i]!.name}: the body ended before the declared ${plan.files[i]!.size} bytes`;
  } finally {
    await fh.close().catch(() => {});
  }
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  if (!gate(req, res, ctx)) return;
  const plan = readPlan(req);
  if (typeof plan === 'string') return refuse(req, res, 400, plan);
  const cap = uploadCap(plan.kind);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (plan.total > cap || declared > cap) {
    const big = plan.files.length === 1 ? plan.files[0]!.name : `the ${plan.files.length} files`;
    return refuse(req, res, 413, `${big}: ${Math.max(plan.total, declared || 0)} bytes; a ${plan.kind} upload is at most ${cap} bytes (${Math.round(cap / 2 ** 20)} MiB)`);
  }
  if (Number.isFinite(declared) && declared !== plan.total) return refuse(req, res, 400, `Content-Length ${declared} differs from the declared sizes (${plan.total} bytes)`);
  if (!ctx.workspace) return refuse(req, res, 400, 'this server has no workspace to upload into');

  const folder = join(ctx.workspace, 'imports', UPLOAD_FOLDERS[plan.kind]);
  let tmp: string | null = null;
  try {
    await fs.mkdir(folder, { recursive: true });
    // imports/ (or imports/<kind>) linked out of the workspace: refused before a byte is written.
    if (!insideReal(ctx.workspace, folder)) throw new EdgeLabError('FORBIDDEN', `imports/${UPLOAD_FOLDERS[plan.kind]}: outside the workspace (a link leads elsewhere)`);
    await sweepTemps(folder); // temp folders a crashed server left here (a live process's are kept)
    tmp = tmpPath(join(folder, plan.files[0]!.name));
    await fs.mkdir(tmp);
    const short = await receive(req, tmp, plan).catch((e: unknown) => {
      if (res.destroyed || req.destroyed) return 'the connection closed during the upload';
      throw e;
    });
    if (short !== null) {
      await fs.rm(tmp, { recursive: true, force: true });
      tmp = null;
      return refuse(req, res, 400, short);
    }
    await checkUpload(ctx.engine, plan.kind, tmp, plan.files);
    const result = await placeUpload(ctx.workspace, folder, tmp, plan.kind, plan.files, plan.total);
    tmp = null;
    const body = JSON.stringify(result);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
  } catch (e) {
    // Removed before answering: once the client reads the refusal, nothing of the upload is on disk.
    if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
    tmp = null;
    const p = EdgeLabError.toPayload(e);
    const status = p.code === 'FORBIDDEN' ? 403 : p.code === 'INTERNAL' || p.code === 'CANCELLED' ? 500 : 400;
    if (req.complete) sendError(res, status, p.code === 'NOT_FOUND' ? 'BAD_INPUT' : p.code, p.message);
    else refuse(req, res, status, p.message);
  } finally {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}
