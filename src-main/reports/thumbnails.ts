// Frame thumbnails as data: URLs, so that a report carries its images inside itself.
import { promises as fs } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { FrameRecord } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { readRegularFile } from '../workspace/regular-file';

/**
 * The frame's stored JPEG as `data:image/jpeg;base64,…`, or undefined when the run stored none.
 * The thumbnail path must stay inside the run directory (a run.json cannot point elsewhere).
 */
export async function thumbnailDataUrl(runDir: string, frame: FrameRecord | undefined): Promise<string | undefined> {
  if (!frame?.thumbnail) return undefined;
  const rel = normalize(frame.thumbnail);
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    throw new EdgeLabError('BAD_INPUT', `frame ${frame.index} thumbnail path leaves the run directory: ${frame.thumbnail}`, join(runDir, 'run.json'));
  }
  const file = join(runDir, rel);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, 'thumbnail');
  } catch {
    return undefined; // a run may be copied without its frames; the report then shows boxes only
  }
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}
