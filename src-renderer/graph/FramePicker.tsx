// The Graph view's frame picker: which frame of the clip the per-layer SNR colouring is computed on (route param
// `frame=`, 0-based; default 0, the first frame of the variant's calibration clip). A typed number is applied on
// Enter or when the field loses focus (each applied frame starts a per-layer error job); ◀ ▶ step one frame.
import { useEffect, useState } from 'react';

export function FramePicker({ frame, onChange, disabled }: { frame: number; onChange(frame: number): void; disabled?: boolean }) {
  const [draft, setDraft] = useState(String(frame));
  useEffect(() => setDraft(String(frame)), [frame]);
  const apply = (text: string) => {
    const n = Math.floor(Number(text));
    if (Number.isFinite(n) && n >= 0 && n !== frame) onChange(n);
    else setDraft(String(frame));
  };
  return (
    <span className="graph-frame">
      <button type="button" aria-label="previous frame" disabled={disabled || frame === 0} onClick={() => onChange(frame - 1)}>
        ◀
      </button>
      <label>
        frame{' '}
        <input
          type="number"
          min={0}
          step={1}
          size={5}
          aria-label="frame for the per-layer SNR"
          data-testid="graph-frame"
          disabled={disabled}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => apply(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply(e.currentTarget.value)}
        />
      </label>
      <button type="button" aria-label="next frame" disabled={disabled} onClick={() => onChange(frame + 1)}>
        ▶
      </button>
    </span>
  );
}
