// Entry of `npm run make:onnx` (built to out/main/make-onnx.js): converts the bundled TF.js COCO detectors
// to ONNX into models/ (or --models-dir DIR), copies the source's LICENSE beside each and prints one JSON
// summary on stdout with each model's catalog entry; --update-catalog also writes those entries into
// <models-dir>/catalog.json (re-serialised as indented JSON).
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundledModelPath, bundledModelsDir, findBundledModel } from '../../models/catalog';
import { writeJsonAtomic } from '../../workspace/atomic';
import { catalogEntry, makeOnnxDetector, ONNX_DETECTORS } from './detectors';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--models-dir');
  const modelsDir = at >= 0 ? argv[at + 1] : bundledModelsDir();
  const updateCatalog = argv.includes('--update-catalog');
  const only = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--models-dir');
  const summary: Record<string, unknown>[] = [];
  const entries = [];
  for (const recipe of ONNX_DETECTORS.filter((r) => only.length === 0 || only.includes(r.id))) {
    const source = findBundledModel(recipe.sourceId);
    if (!source) throw new Error(`no bundled model ${recipe.sourceId}`);
    const t0 = Date.now();
    const made = await makeOnnxDetector(recipe, bundledModelPath(source), modelsDir, {
      progress: (p) => process.stderr.write(`\r${p.stage} ${Math.round((p.fraction ?? 0) * 100)}%   `),
    });
    await fs.copyFile(join(dirname(bundledModelPath(source)), 'LICENSE'), join(dirname(made.file), 'LICENSE'));
    const entry = await catalogEntry(made, source);
    entries.push(entry);
    summary.push({ id: recipe.id, file: made.file, sizeBytes: made.sizeBytes, seconds: (Date.now() - t0) / 1000, check: made.check, catalogEntry: entry });
  }
  process.stderr.write('\n');
  if (updateCatalog) {
    const file = join(modelsDir, 'catalog.json');
    const cat = JSON.parse(await fs.readFile(file, 'utf8')) as { models: { id: string }[] };
    for (const e of entries) {
      const i = cat.models.findIndex((m) => m.id === e.id);
      if (i >= 0) cat.models[i] = e;
      else cat.models.push(e);
    }
    await writeJsonAtomic(file, cat);
  }
  process.stdout.write(JSON.stringify({ models: summary }, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`make:onnx: ${(e as Error).message}\n`);
  process.exit(1);
});
