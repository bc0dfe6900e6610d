import { it, expect } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src-main/create-engine';
import { BAD_DIR } from '../hardening/corpus';
it('loops', { timeout: 1_200_000 }, async () => {
  const scratch = await fs.mkdtemp(join(tmpdir(), 'loop-'));
  const engine = await createEngine({ workspaceDir: join(scratch, 'ws'), host: 'test' });
  const files = (process.env.LOOP_FILES ?? 'clips/frame-grows.avi').split(',');
  for (let i = 0; i < Number(process.env.LOOP_N ?? 100); i++) {
    for (const f of files) {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const r = await Promise.race([
        engine.replay({ model: 'blazeface-front', clip: join(BAD_DIR, f), frames: 0, thumbnailSize: 0 }).then(() => 'ok', (e) => String(e.code)),
        new Promise((res) => (timer = setTimeout(() => res('HANG'), 30_000))),
      ]);
      clearTimeout(timer);
      if (r === 'HANG') { console.log('HANG at', i, f); expect(r).not.toBe('HANG'); }
      if (i % 20 === 0) console.log(i, f, r, Date.now() - t0);
    }
  }
  await engine.dispose();
});
