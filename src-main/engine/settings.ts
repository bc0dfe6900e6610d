// Project settings (`settings.json` in the workspace root): what survives a reload of the UI, e.g. the overlay
// designer's settings. Read validates (a corrupt file is a BAD_INPUT naming it); save writes atomically.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Args } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import { projectSettingsSchema, type ProjectSettings } from '../../src-shared/types/settings';
import { writeJsonAtomic } from '../workspace/atomic';
import type { EngineCtx } from './context';

export const SETTINGS_FILE = 'settings.json';

export async function getSettings(ctx: EngineCtx): Promise<ProjectSettings> {
  const file = join(ctx.ws.dir, SETTINGS_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return projectSettingsSchema.parse({});
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EdgeLabError('BAD_INPUT', 'settings file is not valid JSON', file);
  }
  const parsed = projectSettingsSchema.safeParse(json);
  if (!parsed.success) throw new EdgeLabError('BAD_INPUT', `settings file does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`, file);
  return parsed.data;
}

export async function saveSettings(ctx: EngineCtx, args: Args<'saveSettings'>): Promise<ProjectSettings> {
  await writeJsonAtomic(join(ctx.ws.dir, SETTINGS_FILE), args.settings);
  return args.settings;
}
