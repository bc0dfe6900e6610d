// Workspace ids: short, readable, unique — `<slug>-<8 hex>` where the hex comes from a content hash
// (models, variants: same content → same id) or from random bytes (runs, reports).
import { randomBytes } from 'node:crypto';

/** Lower-case ASCII slug of at most `max` characters ('model' when nothing is left). */
export function slugify(s: string, max = 32): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD: 'Ü' → 'U'
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'item';
}

/** `<slug>-<first 8 hex of sha256>`. */
export function contentId(name: string, sha256: string): string {
  return `${slugify(name)}-${sha256.slice(0, 8)}`;
}

/** `<slug (≤ 48 chars)>-<8 random hex>`. */
export function randomId(name: string): string {
  return `${slugify(name, 48)}-${randomBytes(4).toString('hex')}`;
}
