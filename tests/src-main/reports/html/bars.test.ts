import { describe, expect, it } from 'vitest';
import { barChart } from '../../../../src-main/reports/html/bars';

describe('barChart', () => {
  it('scales bars to max, prints values, "–" for missing, escapes labels', () => {
    const svg = barChart('mAP <.5>', [
      { label: 'a<b>', value: 0.5, colourIndex: 1 },
      { label: 'c', value: null, colourIndex: 2 },
    ], { max: 1 });
    const widths = [...svg.matchAll(/fill="#(?:E69F00|009E73)" ?\/?>?|width="([\d.]+)" height="16" fill="#(E69F00|009E73)"/g)].map((m) => m[1]).filter(Boolean);
    expect(widths).toEqual(['77.0', '0.0']); // plot width 154 px × 0.5, and an empty bar
    expect(svg).toContain('0.500');
    expect(svg).toContain('>–<');
    expect(svg).toContain('a&lt;b&gt;');
    expect(svg).toContain('mAP &lt;.5&gt;');
  });
});
