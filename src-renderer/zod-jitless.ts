// Imported FIRST by the renderer entry (main.tsx), before any module that builds a zod schema: zod v4 probes
// `new Function("")` when it builds its first object schema (to compile fast parsers); the page's CSP has no
// 'unsafe-eval', so the probe fails — harmlessly, but Chromium logs a CSP violation on every load. With `jitless`
// zod skips the probe and parses with its interpreter (same results).
import { config } from 'zod/v4/core';

config({ jitless: true }); // zod's global config: the schemas built later (in the views' chunks) read it
