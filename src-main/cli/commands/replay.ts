import { Option, type Command } from 'commander';
import { runMethod } from '../run';
import { fractionArg, globals, intArg, msArg, positiveFraction, positiveMs } from './args';

interface ReplayOpts {
  model: string;
  clip: string;
  frames: number;
  detectEvery?: number;
  realtime?: boolean;
  detectOn?: 'motion';
  motionThreshold?: number;
  maxIntervalMs?: number;
  deviceLatency?: number;
  device?: string;
  embedder?: string;
  score: number;
  iou?: number;
  maxDetections?: number;
  thumbnailSize?: number;
  out: string;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a clip through detect → track → [embed] and write a run directory')
    .requiredOption('--model <model>', 'model file, workspace model/variant id or bundled id')
    .requiredOption('--clip <video>', 'video file or bundled clip id')
    .option('--frames <n>', 'frames from the start of the clip (0 = all)', intArg(0), 0)
    .addOption(new Option('--detect-every <n>', 'run the detector on every Nth frame (default 1)').argParser(intArg(1)).conflicts('realtime'))
    .addOption(new Option('--realtime', 'run the detector whenever it is free, on the clip clock (as on a phone)'))
    .addOption(
      new Option('--detect-on <when>', 'motion: run the detector when the camera moves, the tracker lost every box, or after --max-interval-ms')
        .choices(['motion'])
        .conflicts(['detectEvery', 'realtime']),
    )
    .option('--motion-threshold <t>', 'with --detect-on motion: net global motion since the last detection, fraction of the frame long side (default 0.05)', positiveFraction)
    .option('--max-interval-ms <ms>', 'with --detect-on motion: longest clip time between detections, ms (default 200)', positiveMs)
    .option('--device-latency <ms>', 'simulated device detector latency: a detection started at t is delivered at t + ms', msArg)
    .option('--device <record>', 'simulate an imported latency record (record id or device name; its mean latency)')
    .option('--embedder <model>', 'embedder run on tracked crops (e.g. ssd-mobilenet-v2-features)')
    .option('--score <t>', 'score threshold in [0,1]', fractionArg, 0.3)
    .option('--iou <t>', 'NMS IoU threshold in [0,1] (default 0.5)', fractionArg)
    .option('--max-detections <n>', 'boxes kept per frame after NMS (default 50)', intArg(1))
    .option('--thumbnail-size <px>', 'long side of stored thumbnails in pixels, 0 = none (default 320)', intArg(0))
    .requiredOption('--out <run-dir>', 'run directory to create (must not exist)')
    .option('--json', 'print the run summary as JSON on stdout (runDir, frames, detections, tracks, embeddings, timingsMs, …)')
    .action((o: ReplayOpts, cmd: Command) =>
      runMethod(
        globals(cmd),
        'replay',
        {
          model: o.model,
          clip: o.clip,
          frames: o.frames,
          detectEvery: o.detectEvery ?? 1,
          realtime: o.realtime ?? false,
          ...(o.detectOn !== undefined ? { detectOn: o.detectOn } : {}),
          ...(o.motionThreshold !== undefined ? { motionThreshold: o.motionThreshold } : {}),
          ...(o.maxIntervalMs !== undefined ? { maxIntervalMs: o.maxIntervalMs } : {}),
          ...(o.deviceLatency !== undefined ? { deviceLatencyMs: o.deviceLatency } : {}),
          ...(o.device !== undefined ? { device: o.device } : {}),
          ...(o.embedder !== undefined ? { embedder: o.embedder } : {}),
          scoreThreshold: o.score,
          ...(o.iou !== undefined ? { iouThreshold: o.iou } : {}),
          ...(o.maxDetections !== undefined ? { maxDetections: o.maxDetections } : {}),
          ...(o.thumbnailSize !== undefined ? { thumbnailSize: o.thumbnailSize } : {}),
          out: o.out,
        },
        (r) => [
          `Run ${r.id}: ${r.frames} frames, inference ${r.inferenceMsMean.toFixed(1)} ms mean (p90 ${r.inferenceMsP90.toFixed(1)}), ` +
            `${r.wallMsPerFrame.toFixed(1)} ms/frame wall, ${r.detectionsPerFrame.toFixed(2)} boxes/frame, detector on ${r.detectorCalls ?? '?'} frames`,
          `${r.detections ?? 0} detections, ${r.tracks ?? 0} tracks, ${r.embeddings ?? 0} embeddings; per node (ms): ` +
            Object.entries(r.timingsMs ?? {})
              .map(([k, v]) => `${k} ${v.toFixed(1)}`)
              .join(', '),
          `Run written to ${r.dir}`,
        ],
      ),
    );
}
