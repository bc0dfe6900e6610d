#!/usr/bin/env node
// `npm run make:onnx`: converts the bundled TF.js COCO detectors (CenterNet, SSD-MobileNetV2) to ONNX with
// EdgeLab's own converter and writes them into models/ (runs out/main/make-onnx.js, built by `npm run build`).
// Args: [model ids…] [--models-dir DIR] [--update-catalog]. Prints one JSON summary (sizes, numerical check,
// catalog entries) on stdout. The vendored files in models/ were made by this script.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/main/make-onnx.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(`make:onnx: ${entry}: not built yet; run npm run build\n`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
