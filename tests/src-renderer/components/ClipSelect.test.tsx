// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClipSelect } from '../../../src-renderer/components/ClipSelect';

afterEach(cleanup);

const CLIPS = [
  { id: 'cup', name: 'Cup held up' },
  { id: 'vtest', name: 'People walking' },
];

describe('ClipSelect', () => {
  it('lists the clips by name with their ids as values and reports the picked id', () => {
    const picked: string[] = [];
    render(<ClipSelect testId="clip" clips={CLIPS} value="cup" onChange={(id) => picked.push(id)} />);
    const select = screen.getByTestId('clip') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['cup', 'Cup held up'],
      ['vtest', 'People walking'],
    ]);
    expect(select.value).toBe('cup');
    fireEvent.change(select, { target: { value: 'vtest' } });
    expect(picked).toEqual(['vtest']);
  });
});
