// Placing a checked upload (upload-route.ts): never over an existing workspace file. A single file goes to
// `imports/<kind>/<name>`, else `<stem>-2<ext>`, `-3`… (a hard link that fails when the name exists, so two uploads
// racing cannot both take a name, then the temp copy goes). A model group's folder goes to `imports/models/<stem>/`,
// else `<stem>-2/`… (a folder is renamed only onto a name that does not exist; rename refuses a non-empty folder).
import { promises as fs } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { UploadFileEntry, UploadKind, UploadResult } from '../../src-shared/uploads';
import { insideReal } from '../workspace/path-policy';
import { primaryFile } from './upload-check';

const MAX_SUFFIX = 1000;

function candidate(name: string, n: number, isDir: boolean): string {
  if (n === 1) return name;
  const ext = isDir ? '' : extname(name);
  return `${basename(name, ext)}-${n}${ext}`;
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

/** Links `src` to the first free name for `name` in `folder`; returns the chosen path. */
async function linkFree(src: string, folder: string, name: string): Promise<string> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const target = join(folder, candidate(name, n, false));
    try {
      await fs.link(src, target);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      // A file system without hard links: rename onto a name checked free (a race could only lose to another upload).
      if (await exists(target)) continue;
      await fs.rename(src, target);
      return target;
    }
  }
  throw new EdgeLabError('BAD_INPUT', `${name}: ${MAX_SUFFIX} files of that name already in ${folder}; rename it first`);
}

async function renameFree(src: string, folder: string, name: string): Promise<string> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const target = join(folder, candidate(name, n, true));
    if (await exists(target)) continue;
    try {
      await fs.rename(src, target);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') continue;
      throw e;
    }
  }
  throw new EdgeLabError('BAD_INPUT', `${name}: ${MAX_SUFFIX} folders of that name already in ${folder}; rename it first`);
}

const rel = (ws: string, p: string) => relative(ws, p).split(sep).join('/');

/** Moves the checked upload from temp folder `tmp` into `folder`; `tmp` is gone afterwards. */
export async function placeUpload(ws: string, folder: string, tmp: string, kind: UploadKind, files: UploadFileEntry[], bytes: number): Promise<UploadResult> {
  const main = primaryFile(kind, files);
  let path: string;
  let written: string[];
  if (kind === 'model') {
    const stem = basename(main.name, extname(main.name));
    const dir = await renameFree(tmp, folder, stem);
    path = join(dir, main.name);
    written = files.map((f) => rel(ws, join(dir, f.name)));
  } else {
    path = await linkFree(join(tmp, main.name), folder, main.name);
    await fs.rm(tmp, { recursive: true, force: true });
    written = [rel(ws, path)];
  }
  // The folder was checked before writing; a link swapped in since would be caught here (and the upload removed).
  if (!insideReal(ws, path)) {
    await fs.rm(kind === 'model' ? join(path, '..') : path, { recursive: true, force: true });
    throw new EdgeLabError('FORBIDDEN', `${main.name}: imports/ leads outside the workspace; nothing was kept`);
  }
  return { kind, path, workspacePath: rel(ws, path), files: written, bytes };
}
