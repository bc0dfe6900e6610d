// A compare's class scope (issue 15): every class (default), only chosen classes (`classes`), and/or
// class-agnostic matching. Stored in CompareResult.reference and shown beside every score it qualifies, in the CLI
// and the UI, from this one formatter and this one parser.
import type { CompareResult } from '../types/degradation';

/** The scope as compare's arguments take it (absent fields = all classes, class-aware). */
export interface ClassScope {
  classAgnostic?: boolean;
  classes?: string[];
}

/** "all classes" · "classes person, car" · "class-agnostic" · "classes person, car, class-agnostic". */
export function classScopeText(ref: Pick<CompareResult['reference'], 'classAgnostic' | 'classes'>): string {
  const parts = [ref.classes?.length ? `classes ${ref.classes.join(', ')}` : '', ref.classAgnostic ? 'class-agnostic' : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all classes';
}

/** "person, car" or "person,car" → ["person", "car"] (trimmed, de-duplicated, order kept); null when empty. */
export function parseClassList(text: string): string[] | null {
  const names = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  return names.length ? names : null;
}

/** Whether a stored compare was made under `scope` (class lists compared as sets). */
export function sameScope(ref: Pick<CompareResult['reference'], 'classAgnostic' | 'classes'>, scope: ClassScope): boolean {
  const key = (c?: string[]) => (c?.length ? [...c].sort().join('\n') : '');
  return (ref.classAgnostic === true) === (scope.classAgnostic === true) && key(ref.classes) === key(scope.classes);
}

/** compare's arguments for a scope (only the fields that are set). */
export function scopeArgs(scope: ClassScope): ClassScope {
  return { ...(scope.classAgnostic ? { classAgnostic: true } : {}), ...(scope.classes?.length ? { classes: scope.classes } : {}) };
}
