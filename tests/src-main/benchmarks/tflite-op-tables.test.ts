import { describe, expect, it } from 'vitest';
import { columnKey, isHeader, splitRow, sumByType, tableKind } from '../../../src-main/benchmarks/tflite-op-tables';

const HEADER = ['node type', 'first', 'avg_ms', '%', 'cdf%', 'mem KB', 'times called', 'name'];

describe('tflite op tables', () => {
  it('column keys ignore brackets, case, spaces and underscores', () => {
    expect(['[node type]', '[avg ms]', 'avg_ms', '[times called]', '[Node type]', '[cdf%]'].map(columnKey)).toEqual(['nodetype', 'avgms', 'avgms', 'timescalled', 'nodetype', 'cdf%']);
    expect(isHeader(['[Node type]', '[count]'])).toBe(true);
    expect(isHeader(['CONV_2D', '1'])).toBe(false);
  });
  it('table titles', () => {
    expect(tableKind('Run Order')).toBe('run-order');
    expect(tableKind('Top by Computation Time')).toBe('top-by-time');
    expect(tableKind('Summary by node type')).toBe('summary-by-type');
    expect(tableKind('Top by Memory Use')).toBe('other');
    expect(tableKind('Something else')).toBeUndefined();
  });
  it('an unquoted comma in the node type is put back into the type', () => {
    const cells = 'Convolution (NHWC, F32) IGEMM,0.16,0.1999,11.4405%,11.4405%,0,1,Delegate/Convolution (NHWC\t F32) IGEMM:0'.split(',');
    expect(splitRow(cells, HEADER)).toEqual(['Convolution (NHWC, F32) IGEMM', '0.16', '0.1999', '11.4405%', '11.4405%', '0', '1', 'Delegate/Convolution (NHWC\t F32) IGEMM:0']);
  });
  it('a tab inside the op name (tab-separated table) stays in the name', () => {
    const header = ['[node type]', '[start]', '[first]', '[avg ms]', '[%]', '[cdf%]', '[mem KB]', '[times called]', '[Name]'];
    const cells = ['Convolution (NHWC, F32) IGEMM', '0.1', '0.2', '0.3', '1%', '1%', '0', '1', 'Delegate/Convolution (NHWC', 'F32) IGEMM:0'];
    expect(splitRow(cells, header)).toEqual(['Convolution (NHWC, F32) IGEMM', '0.1', '0.2', '0.3', '1%', '1%', '0', '1', 'Delegate/Convolution (NHWC\tF32) IGEMM:0']);
  });
  it('sums per type with shares of the total', () => {
    const t = sumByType([
      { name: 'a', type: 'CONV_2D', avgMs: 3 },
      { name: 'b', type: 'ADD', avgMs: 1 },
      { name: 'c', type: 'CONV_2D', avgMs: 4, timesCalled: 2 },
    ]);
    expect(t).toEqual([
      { type: 'CONV_2D', count: 2, avgMs: 7, timesCalled: 3, percent: 87.5 },
      { type: 'ADD', count: 1, avgMs: 1, timesCalled: 1, percent: 12.5 },
    ]);
  });
});
