// Window keyboard shortcuts for a view: key (KeyboardEvent.key) → action. Ignored while typing in a field, and Space /
// Enter on a focused button or link are left to it (the browser presses it), so the page stays keyboard-operable.
import { useEffect, useRef } from 'react';

export function useKeys(map: Record<string, () => void>): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as { tagName?: string; type?: string; isContentEditable?: boolean; getAttribute?: (n: string) => string | null } | null;
      const tag = t?.tagName?.toLowerCase();
      if (t?.isContentEditable || tag === 'textarea' || tag === 'select' || (tag === 'input' && t?.type !== 'range' && t?.type !== 'checkbox')) return;
      if ((e.key === ' ' || e.key === 'Enter') && (tag === 'button' || tag === 'a' || tag === 'summary' || t?.getAttribute?.('role') === 'button')) return;
      const act = ref.current[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, []);
}
