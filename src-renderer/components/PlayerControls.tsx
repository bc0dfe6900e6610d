// Play/pause, step and scrub for a Player (hooks/usePlayer.ts); the frame label says where we are.
import type { Player } from '../hooks/usePlayer';

export function PlayerControls({ player, last, ptsMs, extra }: { player: Player; last: number; ptsMs: readonly number[]; extra?: string }) {
  const f = player.frame;
  return (
    <div className="frame-controls">
      <button type="button" onClick={player.toggle} aria-label={player.playing ? 'pause' : 'play'} data-testid="play">
        {player.playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => player.step(-1)} disabled={f <= 0} aria-label="previous frame">
        ◀
      </button>
      <input
        type="range"
        min={0}
        max={last}
        value={f}
        onChange={(e) => {
          player.pause();
          player.seek(Number(e.target.value));
        }}
        aria-label="frame"
        data-testid="frame-slider"
      />
      <button type="button" onClick={() => player.step(1)} disabled={f >= last} aria-label="next frame">
        ▶|
      </button>
      <span data-testid="frame-label">
        frame {f} / {last} · {((ptsMs[f] ?? 0) / 1000).toFixed(2)} s{extra ? ` · ${extra}` : ''}
      </span>
    </div>
  );
}
