// Project settings kept in the workspace (settings.json). The overlay part is what a designer tunes in the
// overlay designer and exports as JSON for the app team. Owned by the UI (issue 8); fields are added, never renamed.
import { z } from 'zod';

export const overlaySettingsSchema = z
  .object({
    /** Boxes with a lower score are not drawn, in [0, 1]. */
    minScore: z.number().min(0).max(1).default(0.3),
    /** How long a box stays drawn after its object is lost, ms. */
    persistMs: z.number().min(0).max(10_000).default(300),
    /** Exponential smoothing of box corners, 0 = none … 0.95 = very smooth. */
    smoothing: z.number().min(0).max(0.95).default(0),
    /** Label text template: {label}, {score}, {id}. */
    labelTemplate: z.string().max(200).default('{label} {score}'),
    /** Guide shown when nothing has been detected for `guideAfterMs`. */
    guideText: z.string().max(200).default('Hold the item up to the camera'),
    guideAfterMs: z.number().min(0).max(60_000).default(2000),
    /** Imported latency record id (or device name) whose latency is simulated; null = none. */
    device: z.string().max(200).nullable().default(null),
  })
  .strict();

export const projectSettingsSchema = z
  .object({
    overlay: overlaySettingsSchema.default(overlaySettingsSchema.parse({})),
  })
  .strict();

export type OverlaySettings = z.output<typeof overlaySettingsSchema>;
export type ProjectSettings = z.output<typeof projectSettingsSchema>;
