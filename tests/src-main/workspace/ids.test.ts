import { describe, expect, it } from 'vitest';
import { contentId, randomId, slugify } from '../../../src-main/workspace/ids';

describe('ids', () => {
  it('slugifies to short lower-case ASCII', () => {
    expect(slugify('SSD-MobileNetV2 (COCO-90)')).toBe('ssd-mobilenetv2-coco-90');
    expect(slugify('Ünïcode  名前')).toBe('unicode');
    expect(slugify('***')).toBe('item');
    expect(slugify('a'.repeat(100)).length).toBe(32);
  });
  it('content ids carry 8 hex of the sha; random ids differ', () => {
    expect(contentId('BlazeFace', 'd388b1cf8a5f6f1a' + '0'.repeat(48))).toBe('blazeface-d388b1cf');
    const a = randomId('run');
    expect(a).toMatch(/^run-[0-9a-f]{8}$/);
    expect(randomId('run')).not.toBe(a);
  });
});
