// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompareEvent } from '../../../src-shared/types/degradation';
import { EVENT_STYLE, EventTimeline } from '../../../src-renderer/components/EventTimeline';

afterEach(cleanup);

const ev = (frame: number, kind: CompareEvent['kind']): CompareEvent => ({ frame, timeMs: frame * 40, kind, objectId: 1, trackId: 2, detail: `${kind} at ${frame}` });

describe('EventTimeline', () => {
  it('draws one mark per event with its kind, counts per kind in the legend, and a click seeks to the frame', () => {
    const seeks: number[] = [];
    const events = [ev(3, 'missed'), ev(3, 'flicker'), ev(10, 'id-switch'), ev(20, 'drift'), ev(21, 'missed')];
    render(<EventTimeline events={events} frames={24} current={0} onSeek={(f) => seeks.push(f)} />);
    const marks = screen.getAllByTestId('event-mark');
    expect(marks.map((m) => `${m.getAttribute('data-kind')}@${m.getAttribute('data-frame')}`)).toEqual(['missed@3', 'flicker@3', 'id-switch@10', 'drift@20', 'missed@21']);
    expect(screen.getByTestId('event-legend').textContent).toContain('missed object (2)');
    expect(screen.getByTestId('event-legend').textContent).toContain('extra box (0)');
    fireEvent.click(marks[2]!);
    expect(seeks).toEqual([10]);
    expect(marks[0]!.querySelector('title')!.textContent).toBe('frame 3: missed object — missed at 3');
  });
  it('marks are reachable with Tab (tabindex 0, role button, named) and Enter/Space on one seeks to its frame', () => {
    const seeks: number[] = [];
    render(<EventTimeline events={[ev(4, 'missed'), ev(9, 'extra')]} frames={24} current={0} onSeek={(f) => seeks.push(f)} />);
    const marks = screen.getAllByTestId('event-mark');
    for (const m of marks) {
      expect(m.getAttribute('tabindex')).toBe('0');
      expect(m.getAttribute('role')).toBe('button');
    }
    expect(marks[1]!.getAttribute('aria-label')).toBe('frame 9: extra box');
    fireEvent.keyDown(marks[1]!, { key: 'Enter' });
    fireEvent.keyDown(marks[0]!, { key: ' ' });
    fireEvent.keyDown(marks[0]!, { key: 'x' });
    expect(seeks).toEqual([9, 4]);
  });
  it('gives every kind its own colour and shape', () => {
    const styles = Object.values(EVENT_STYLE);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(styles.length);
  });
});
