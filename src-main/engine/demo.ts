// demo: the bundled default job — import SSD-MobileNetV2 (COCO), make its fp16 variant, replay the
// first `frames` frames of the cup clip through both, write report.html and report.json into `out`
// (default `<workspace>/reports/demo-<timestamp>/`). The report folder appears complete or not at all.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Args, DemoResult } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import { subJob, type JobContext } from '../jobs/context';
import { getReportWriter } from '../reports/registry';
import { buildDirAtomic } from '../workspace/atomic';
import type { EngineCtx } from './context';
import { importModel } from './models';
import { buildReportOf } from './reports';
import { replay } from './runs';
import { convertModel } from './variants';

export const DEMO_MODEL = 'ssd-mobilenet-v2-coco';
export const DEMO_CLIP = 'cup';

export async function demo(ctx: EngineCtx, args: Args<'demo'>, job: JobContext): Promise<DemoResult> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = args.out === undefined ? ctx.policy.confine(ctx.ws.path('reports', `demo-${stamp}`)) : ctx.policy.resolveOutput(args.out);
  if (await fs.stat(outDir).then(() => true, () => false)) {
    throw new EdgeLabError('BAD_INPUT', 'output folder already exists; refusing to overwrite', outDir);
  }
  const model = await importModel(ctx, { source: DEMO_MODEL }, subJob(job, 0, 0.05, 'import'));
  const conv = await convertModel(ctx, { model: model.id, to: 'fp16' }, subJob(job, 0.05, 0.15, 'fp16'));
  const common = { clip: DEMO_CLIP, frames: args.frames, detectEvery: 1, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 50, thumbnailSize: 320, realtime: false };
  const base = await replay(ctx, { ...common, model: model.id }, subJob(job, 0.15, 0.55, 'replay fp32'));
  const half = await replay(ctx, { ...common, model: conv.variant.id }, subJob(job, 0.55, 0.95, 'replay fp16'));
  const title = `Demo: ${model.name} fp32 vs fp16 on ${DEMO_CLIP}`;
  const rep = await buildReportOf(ctx, [base.id, half.id], title, subJob(job, 0.95, 0.99, 'report'));
  const names = ['report.html', 'report.json'];
  await buildDirAtomic(outDir, async (tmp) => {
    await fs.writeFile(join(tmp, names[0]), getReportWriter('html').render(rep));
    await fs.writeFile(join(tmp, names[1]), getReportWriter('json').render(rep));
  });
  const files = names.map((n) => join(outDir, n));
  await ctx.ws.update((m) => {
    m.reports.push({ id: `demo-${stamp}`, title, createdAt: rep.generatedAt, format: 'html', runIds: [base.id, half.id], files });
  });
  job.progress({ stage: 'done', fraction: 1 });
  const fresh = (await ctx.ws.read()).models.find((m) => m.id === model.id) ?? model;
  return { outDir, report: { files, format: 'html', report: rep }, runs: [base, half], model: fresh, variant: conv.variant };
}
