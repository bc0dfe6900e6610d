// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from '../../../src-renderer/components/ProgressBar';

afterEach(cleanup);

describe('ProgressBar', () => {
  it('shows the percentage done and the stage in words', () => {
    render(<ProgressBar label="replay" progress={{ stage: 'replay', done: 30, total: 120, unit: 'frames' }} />);
    const bar = screen.getByRole('progressbar', { name: 'replay' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText(/25%/).textContent).toContain('replay');
  });

  it('is indeterminate before the first progress event', () => {
    render(<ProgressBar label="convert" progress={null} />);
    expect(screen.getByRole('progressbar', { name: 'convert' }).hasAttribute('aria-valuenow')).toBe(false);
    expect(screen.getByText('starting…')).toBeTruthy();
  });
});
