// A number setting of the overlay designer: a slider and a number box. The box keeps what the user types; only a
// finite number is applied (clamped to [min, max]), so clearing the box to type a new value never sets 0, and the
// box shows the value in force again when it loses focus.
import { useEffect, useState } from 'react';

export function OverlayNumberField({ label, value, min, max, step, unit, testId, onChange }: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  testId: string;
  onChange: (v: number) => void;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const apply = (t: string) => {
    const x = t.trim() === '' ? NaN : Number(t);
    if (Number.isFinite(x)) onChange(Math.min(max, Math.max(min, x)));
  };
  const invalid = !Number.isFinite(text.trim() === '' ? NaN : Number(text));
  return (
    <label>
      {label}
      {unit ? ` (${unit})` : ''}
      <span className="pair">
        <input type="range" min={min} max={max} step={step} value={value} onChange={(e) => apply(e.target.value)} aria-label={`${label} slider`} />
        <input
          type="number"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            apply(e.target.value);
          }}
          onBlur={() => setText(String(value))}
          aria-invalid={invalid}
          data-testid={testId}
          aria-label={label}
        />
      </span>
    </label>
  );
}
