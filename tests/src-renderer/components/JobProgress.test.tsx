// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobProgress } from '../../../src-renderer/components/JobProgress';

afterEach(cleanup);

describe('JobProgress', () => {
  it('shows the labelled bar and a Cancel button that calls onCancel, under the given test id', () => {
    let cancelled = 0;
    render(<JobProgress label="replay" progress={{ stage: 'replay', done: 3, total: 4, unit: 'frames' }} onCancel={() => cancelled++} cancelTestId="cancel-replay" />);
    expect(screen.getByRole('progressbar', { name: 'replay' }).getAttribute('aria-valuenow')).toBe('75');
    fireEvent.click(screen.getByTestId('cancel-replay'));
    expect(cancelled).toBe(1);
  });

  it('without a test id the button carries none', () => {
    render(<JobProgress label="compare" progress={null} onCancel={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Cancel' }).hasAttribute('data-testid')).toBe(false);
  });
});
