// Builders for overlay tests: detections with a track id on a box centred at (cx, cy).
import type { Detection } from '../../../src-shared/formats/run';

export function det(trackId: number | undefined, cx: number, score = 0.9, label = 'cup'): Detection {
  return { box: [cx - 0.1, 0.4, cx + 0.1, 0.6], score, classId: 47, label, source: 'detected', trackId };
}
