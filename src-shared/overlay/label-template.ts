// Label text: a template with {label}, {score} (two decimals), {percent} (integer %), {id} (track id or empty).
// Unknown placeholders are left as written so that a typo is visible in the preview.
import type { Detection } from '../formats/run';

export const LABEL_PLACEHOLDERS = ['label', 'score', 'percent', 'id'] as const;

export function renderLabel(template: string, d: Detection): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, key: string) => {
      switch (key) {
        case 'label':
          return d.label;
        case 'score':
          return d.score.toFixed(2);
        case 'percent':
          return `${Math.round(d.score * 100)}%`;
        case 'id':
          return d.trackId === undefined ? '' : String(d.trackId);
        default:
          return whole;
      }
    })
    .replace(/\s+/g, ' ')
    .trim();
}
