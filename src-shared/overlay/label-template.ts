// Label text: a template with {label}, {score} (two decimals), {percent} (integer %), {id} (track id or empty).
// Unknown placeholders are left as written by renderLabel; the designer refuses a template that has one
// (unknownPlaceholders) with a message naming it, so a typo never reaches the saved settings.
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

/** The `{name}` placeholders of `template` that are not LABEL_PLACEHOLDERS, in order, without repeats. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(LABEL_PLACEHOLDERS);
  return [...new Set([...template.matchAll(/\{(\w*)\}/g)].map((m) => m[1]!).filter((k) => !known.has(k)))];
}
