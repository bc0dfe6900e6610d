// One build for the three hosts: `main` bundles the Electron shell, the engine process, the CLI and the
// server (all Node); `preload` is the sandboxed bridge; `renderer` is the React app that Electron loads
// from disk and the server serves to a browser. Native/heavy packages stay external (loaded from
// node_modules at run time): onnxruntime-node, tfjs, ffmpeg-installer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          'electron-main': resolve(__dirname, 'src-main/electron/main.ts'),
          'engine-process': resolve(__dirname, 'src-main/electron/engine-process.ts'),
          'engine-worker': resolve(__dirname, 'src-main/server/engine-worker.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          bench: resolve(__dirname, 'src-main/perf/index.ts'),
          // Worker thread of media/decode.ts (found beside the bundle at run time).
          'decode-worker': resolve(__dirname, 'src-main/media/decode-worker.ts'),
          // Worker thread of runtimes/worker-model.ts (the replay's detector off the graph's thread).
          'model-worker': resolve(__dirname, 'src-main/runtimes/model-worker.ts'),
          'make-onnx': resolve(__dirname, 'src-main/transforms/tfjs-to-onnx/make-detectors-main.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/electron/preload.ts') },
        // A sandboxed preload cannot load ES modules: emit CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; minified, the page parses less before first paint
      // (the Graph view's first-paint goal, bench:graph). Source maps keep stack traces readable.
      minify: true,
      sourcemap: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
