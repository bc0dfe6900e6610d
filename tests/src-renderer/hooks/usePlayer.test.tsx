// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlayerControls } from '../../../src-renderer/components/PlayerControls';
import { useKeys } from '../../../src-renderer/hooks/useKeys';
import { usePlayer } from '../../../src-renderer/hooks/usePlayer';

afterEach(cleanup);

// 25 fps clip of 10 frames.
const PTS = Array.from({ length: 10 }, (_, i) => i * 40);

function Player({ initial = 0 }: { initial?: number }) {
  const p = usePlayer(PTS, initial);
  useKeys({ ' ': p.toggle, ArrowLeft: () => p.step(-1), ArrowRight: () => p.step(1) });
  return <PlayerControls player={p} last={PTS.length - 1} ptsMs={PTS} />;
}

const label = () => screen.getByTestId('frame-label').textContent ?? '';

describe('usePlayer + PlayerControls + useKeys', () => {
  it('steps with the buttons and the arrow keys, clamped to the clip', () => {
    render(<Player initial={8} />);
    expect(label()).toMatch(/^frame 8 \/ 9 · 0\.32 s/);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(label()).toMatch(/^frame 9 /);
    fireEvent.click(screen.getByRole('button', { name: 'previous frame' }));
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(label()).toMatch(/^frame 7 /);
  });
  it('scrubs with the slider', () => {
    render(<Player />);
    fireEvent.change(screen.getByTestId('frame-slider'), { target: { value: '5' } });
    expect(label()).toMatch(/^frame 5 \/ 9 · 0\.20 s/);
  });
  it('space plays on the clip clock to the last frame, then stops', async () => {
    render(<Player initial={6} />);
    fireEvent.keyDown(window, { key: ' ' });
    expect(screen.getByRole('button', { name: 'pause' })).toBeTruthy();
    await act(() => new Promise((r) => setTimeout(r, 400))); // 3 frames × 40 ms, with slack
    expect(label()).toMatch(/^frame 9 /);
    expect(screen.getByRole('button', { name: 'play' })).toBeTruthy();
  });
  it('ignores keys typed into a text field', () => {
    render(
      <>
        <Player initial={2} />
        <input type="text" data-testid="field" />
      </>,
    );
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'ArrowRight' });
    expect(label()).toMatch(/^frame 2 /);
  });
  it('Space on a focused button presses that button, not the play shortcut', () => {
    render(<Player initial={5} />);
    const prev = screen.getByRole('button', { name: 'previous frame' });
    prev.focus();
    const ev = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    prev.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(false); // the browser's own Space → click goes ahead
    expect(screen.getByRole('button', { name: 'play' })).toBeTruthy(); // not playing
  });
});
