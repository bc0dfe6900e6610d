// The one name of a run shown to people (CLI text, renderer lists, pickers, chart labels, A/B titles):
// `<model name> · <variant kind> · <clip name>`, never a file stem or an id's tail. Pure (shared zone).

/** The parts a run's name is made of (a RunSummary, a RunFile or a compare's side all carry them). */
export interface RunNameParts {
  model: { name: string; variantKind: string };
  clip: { name: string };
}

/** `<model name> · <kind> · <clip>`, e.g. "BlazeFace (front) · fp16 · cup". */
export function runName(r: RunNameParts): string {
  return `${r.model.name} · ${r.model.variantKind} · ${r.clip.name}`;
}

/**
 * Names for a list of runs, distinct: runs sharing a name get ` #2`, ` #3`… in list order (the first keeps the
 * bare name), so two replays of the same model, kind and clip can still be told apart.
 */
export function distinctRunNames(runs: readonly RunNameParts[]): string[] {
  const used = new Map<string, number>();
  return runs.map((r) => {
    const name = runName(r);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n > 1 ? `${name} #${n}` : name;
  });
}
