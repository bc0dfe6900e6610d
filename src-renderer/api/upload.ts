// Client of POST /api/upload (contract: src-shared/uploads.ts): sends the picked files' bytes one after the other
// (a Blob of the Files, read from disk by the browser as it sends) and returns where they landed in the workspace.
import { EdgeLabError, isErrorCode } from '../../src-shared/protocol';
import { UPLOAD_FILES_HEADER, UPLOAD_KIND_HEADER, type UploadKind, type UploadResult } from '../../src-shared/uploads';
import type { UploadTarget } from './host';

/** A picked file, structurally (the DOM's File). */
export interface DeskFile extends Blob {
  readonly name: string;
}

/** Uploads `files` as one upload of `kind` (a model group, or one file of another kind). */
export async function uploadFiles(target: UploadTarget, kind: UploadKind, files: readonly DeskFile[], doFetch: typeof fetch = fetch): Promise<UploadResult> {
  const list = files.map((f) => ({ name: f.name, size: f.size }));
  const res = await doFetch(`${target.baseUrl.replace(/\/+$/, '')}/api/upload`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${target.token}`,
      'Content-Type': 'application/octet-stream',
      [UPLOAD_KIND_HEADER]: kind,
      [UPLOAD_FILES_HEADER]: encodeURIComponent(JSON.stringify(list)),
    },
    body: new Blob([...files]),
  });
  const body = (await res.json().catch(() => null)) as (UploadResult & { code?: unknown; message?: unknown }) | null;
  if (res.ok && body) return body;
  const code = isErrorCode(body?.code) ? body.code : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
  throw new EdgeLabError(code, typeof body?.message === 'string' ? body.message : `upload failed: HTTP ${res.status}`);
}
