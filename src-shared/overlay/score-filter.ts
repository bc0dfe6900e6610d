// Minimum score: boxes below it are not drawn.
import type { Detection } from '../formats/run';

/** Detections with score ≥ minScore (minScore in [0,1]), order kept. */
export function filterByScore<D extends Detection>(detections: readonly D[], minScore: number): D[] {
  return detections.filter((d) => d.score >= minScore);
}
