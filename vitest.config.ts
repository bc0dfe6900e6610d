import { defineConfig } from 'vitest/config';

// Tests mirror the source tree under tests/. Real runtimes, real files: allow generous timeouts and run
// test files in two forks at most (the machines have 2 cores; onnxruntime and tfjs want one each).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
  },
});
