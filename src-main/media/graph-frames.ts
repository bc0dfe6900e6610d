// Decoding at the sizes a replay graph uses (DecodeOptions.graphFrames): instead of full RGB frames (640×480×3 bytes
// each, converted to gray and resized again in JavaScript), ffmpeg's filter graph delivers per frame one packed gray
// image of width W = max(detector width, gray width):
//   rows [0, dh)        the detector image's R plane (whole frame stretched to dw×dh, ffmpeg bilinear), padded to W
//   rows [dh, 2dh)      its G plane; rows [2dh, 3dh) its B plane
//   rows [3dh, 3dh+gh)  the tracker's gray image gw×gh (ffmpeg's luma, area average), padded to W
// gw×gh is what imaging/gray.ts's toGray gives for the frame and flowMaxSide. Measured on cup.mp4 frame 0 against the
// JavaScript path (resizeRgb of the full frame; toGray): detector RGB |Δ| mean 1.4, p99 6 (ffmpeg's scaler filters
// before it subsamples, ours takes 2 taps); gray |Δ| mean 1.3, max 2.6 levels of 255.
import { grayFactor, type GrayImage } from '../imaging/gray';

export interface GraphFrameLayout {
  detector: { width: number; height: number };
  gray: { width: number; height: number };
  /** Packed frame: width (bytes per row) and rows. */
  width: number;
  rows: number;
}

/** Layout for a clip of w×h pixels. */
export function graphFrameLayout(w: number, h: number, o: { detector: { width: number; height: number }; flowMaxSide: number }): GraphFrameLayout {
  const f = grayFactor(w, h, o.flowMaxSide);
  const gray = { width: Math.max(1, Math.floor(w / f)), height: Math.max(1, Math.floor(h / f)) };
  const { width: dw, height: dh } = o.detector;
  return { detector: { width: dw, height: dh }, gray, width: Math.max(dw, gray.width), rows: 3 * dh + gray.height };
}

/**
 * ffmpeg filter chain from input label `input` to output label `output` (pix_fmt gray) producing the packed frame.
 * Scaling happens on the decoder's YUV frames, so no full-size RGB conversion is made.
 */
export function graphFrameFilter(l: GraphFrameLayout, input: string, output: string): string {
  const { width: dw, height: dh } = l.detector;
  const { width: gw, height: gh } = l.gray;
  const W = l.width;
  return [
    `[${input}]split=2[gf_d][gf_g]`,
    `[gf_d]scale=${dw}:${dh}:flags=bilinear,format=gbrp,extractplanes=r+g+b[gf_r][gf_gr][gf_b]`,
    `[gf_g]scale=${gw}:${gh}:flags=area,format=gray[gf_y]`,
    `[gf_r]pad=${W}:${dh}[gf_r2]`,
    `[gf_gr]pad=${W}:${dh}[gf_g2]`,
    `[gf_b]pad=${W}:${dh}[gf_b2]`,
    `[gf_y]pad=${W}:${gh}[gf_y2]`,
    `[gf_r2][gf_g2][gf_b2][gf_y2]vstack=inputs=4,format=gray[${output}]`,
  ].join(';');
}

/** Splits one packed frame into the detector's packed RGB (dw×dh×3) and the gray image (0..255 as float). */
export function unpackGraphFrame(buf: Uint8Array, l: GraphFrameLayout): { rgb: Uint8Array; gray: GrayImage } {
  const { width: dw, height: dh } = l.detector;
  const W = l.width;
  const rgb = new Uint8Array(dw * dh * 3);
  const plane = dh * W;
  for (let y = 0; y < dh; y++) {
    let s = y * W;
    let o = y * dw * 3;
    for (let x = 0; x < dw; x++, s++, o += 3) {
      rgb[o] = buf[s];
      rgb[o + 1] = buf[s + plane];
      rgb[o + 2] = buf[s + 2 * plane];
    }
  }
  const { width: gw, height: gh } = l.gray;
  const data = new Float32Array(gw * gh);
  const g0 = 3 * plane;
  for (let y = 0; y < gh; y++) {
    const s = g0 + y * W;
    for (let x = 0; x < gw; x++) data[y * gw + x] = buf[s + x];
  }
  return { rgb, gray: { width: gw, height: gh, data } };
}
