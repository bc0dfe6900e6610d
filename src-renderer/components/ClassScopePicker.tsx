// Class scope of a compare, as the CLI's --class-agnostic / --classes: all classes, class-agnostic, or a chosen
// class list (comma-separated box labels). The list is applied on blur or Enter, so typing does not start a compare
// per keystroke.
import { useEffect, useState } from 'react';
import { parseClassList, type ClassScope } from '../../src-shared/metrics/class-scope';

type Mode = 'all' | 'agnostic' | 'chosen';

export function ClassScopePicker({ scope, onChange, testid }: { scope: ClassScope; onChange: (s: ClassScope) => void; testid: string }) {
  const mode: Mode = scope.classes?.length ? 'chosen' : scope.classAgnostic ? 'agnostic' : 'all';
  const [picked, setPicked] = useState<Mode>(mode);
  const [text, setText] = useState((scope.classes ?? []).join(', '));
  useEffect(() => {
    setPicked(mode);
    setText((scope.classes ?? []).join(', '));
  }, [mode, scope.classes]);
  const apply = () => {
    const classes = parseClassList(text);
    if (classes) onChange({ classes });
  };
  return (
    <label>
      classes
      <select
        data-testid={`${testid}-mode`}
        value={picked}
        onChange={(e) => {
          const m = e.target.value as Mode;
          setPicked(m);
          if (m === 'all') onChange({});
          else if (m === 'agnostic') onChange({ classAgnostic: true });
          else apply();
        }}
      >
        <option value="all">all classes</option>
        <option value="agnostic">class-agnostic</option>
        <option value="chosen">only these classes…</option>
      </select>
      {picked === 'chosen' && (
        <input
          data-testid={`${testid}-classes`}
          aria-label="class names, comma-separated"
          placeholder="person, car"
          size={24}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
      )}
    </label>
  );
}
