// SSD anchor grids as the TF Object Detection API generates them (anchor_generators/ssd_anchor_generator +
// multiple_grid_anchor_generator), for ssd-anchors' `anchors` presets. Output rows [ycenter, xcenter, height, width]
// normalised 0..1, in the order the box predictor emits them: layer by layer, then grid row y, column x, then the
// layer's box specs. Layer l (of L) has scale s_l = minScale + (maxScale − minScale)·l/(L−1) (s_L = 1); box spec
// (scale, ratio) gives height scale/√ratio, width scale·√ratio; cell centre ((x + 0.5)/w, (y + 0.5)/h).
// The lowest layer, when reduced, has (0.1, 1), (s_0, 2), (s_0, 0.5); the others each aspect ratio at s_l plus
// (√(s_l·s_{l+1}), interpolatedRatio).
export interface TfodSsdAnchors {
  /** Feature map sizes, square, lowest layer first (SSD MobileNet v2 at 300×300: 19, 10, 5, 3, 2, 1). */
  featureMaps: number[];
  minScale: number;
  maxScale: number;
  aspectRatios: number[];
  reduceBoxesInLowestLayer: boolean;
  /** Extra box per cell at the geometric mean of this and the next scale, with this ratio (≤ 0: none). */
  interpolatedScaleAspectRatio: number;
}

/** TF OD API defaults (ssd_mobilenet_v2_coco.config, 300×300 input): 1917 anchors. */
export const TFOD_SSD_300: TfodSsdAnchors = {
  featureMaps: [19, 10, 5, 3, 2, 1],
  minScale: 0.2,
  maxScale: 0.95,
  aspectRatios: [1, 2, 0.5, 3, 1 / 3],
  reduceBoxesInLowestLayer: true,
  interpolatedScaleAspectRatio: 1,
};

/** Named anchor presets accepted by ssd-anchors. */
export const ANCHOR_PRESETS: Readonly<Record<string, TfodSsdAnchors>> = { 'tfod-ssd-300': TFOD_SSD_300 };

/** Anchors as a flat Float32Array of rows [yc, xc, h, w]. */
export function tfodSsdAnchors(c: TfodSsdAnchors): Float32Array {
  const L = c.featureMaps.length;
  const scales = [...Array.from({ length: L }, (_, l) => c.minScale + ((c.maxScale - c.minScale) * l) / Math.max(1, L - 1)), 1];
  const out: number[] = [];
  for (let l = 0; l < L; l++) {
    const specs: [number, number][] =
      l === 0 && c.reduceBoxesInLowestLayer
        ? [[0.1, 1], [scales[0], 2], [scales[0], 0.5]]
        : [...c.aspectRatios.map((r): [number, number] => [scales[l], r]), ...(c.interpolatedScaleAspectRatio > 0 ? [[Math.sqrt(scales[l] * scales[l + 1]), c.interpolatedScaleAspectRatio] as [number, number]] : [])];
    const g = c.featureMaps[l];
    for (let y = 0; y < g; y++)
      for (let x = 0; x < g; x++)
        for (const [s, r] of specs) out.push((y + 0.5) / g, (x + 0.5) / g, s / Math.sqrt(r), s * Math.sqrt(r));
  }
  return Float32Array.from(out);
}
