import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../../../src-main/engine/settings';
import { useTempEngine } from './helpers';

describe('project settings', () => {
  const t = useTempEngine();

  it('gives the documented defaults before anything is saved', async () => {
    const s = await t().engine.getSettings({});
    expect(s.overlay.minScore).toBe(0.3);
    expect(s.overlay.device).toBeNull();
  });

  it('saves, survives a new engine over the same folder, and rejects out-of-range values at the boundary', async () => {
    const { engine } = t();
    const overlay = { ...(await engine.getSettings({})).overlay, minScore: 0.55, persistMs: 800, guideText: 'Show me the cup' };
    await engine.saveSettings({ settings: { overlay } });
    const onDisk = JSON.parse(await fs.readFile(join(engine.workspace.dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk.overlay.minScore).toBe(0.55);
    expect((await engine.getSettings({})).overlay.guideText).toBe('Show me the cup');
    await expect(engine.saveSettings({ settings: { overlay: { ...overlay, minScore: 3 } } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await engine.getSettings({})).overlay.minScore).toBe(0.55);
  });

  it('names the file when settings.json is corrupt', async () => {
    const { engine } = t();
    const file = join(engine.workspace.dir, SETTINGS_FILE);
    await fs.writeFile(file, '{"overlay": ');
    await expect(engine.getSettings({})).rejects.toMatchObject({ code: 'BAD_INPUT', file });
    await fs.rm(file);
  });
});
