// A <select> of clips (bundled or in the workspace) by name; the value is the clip id.
export function ClipSelect({ clips, value, onChange, testId }: { clips: readonly { id: string; name: string }[]; value: string; onChange: (id: string) => void; testId?: string }) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      {clips.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
