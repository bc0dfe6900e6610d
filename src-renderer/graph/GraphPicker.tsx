// The Graph view without a model: the last graph opened on this page (so the nav entry keeps it), the workspace's
// models and variants, and the bundled models, each opening its graph.
import { useEffect, useState } from 'react';
import type { ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { useAppData } from '../data/AppData';
import { errorText } from '../lib/format';
import { ErrorAlert } from '../components/ErrorAlert';

export type GraphTarget = { model: string } | { variant: string };

let last: GraphTarget | null = null;

/** Remembers the graph shown, for the nav entry. */
export function rememberGraph(t: GraphTarget): void {
  last = t;
}

export function lastGraph(): GraphTarget | null {
  return last;
}

export function GraphPicker({ onOpen }: { onOpen(t: GraphTarget): void }) {
  const { bundled } = useAppData();
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getApi().listModels({}).then(setModels, (e: unknown) => setError(errorText(e)));
  }, []);
  return (
    <section aria-labelledby="graph-pick-h" data-testid="graph-picker">
      <h2 id="graph-pick-h">Graph</h2>
      <ErrorAlert message={error} />
      <p className="muted">Choose a model or a variant to draw its graph (a variant is coloured by its per-layer error).</p>
      <ul className="graph-list">
        {(models ?? []).flatMap((m) => [
          <li key={m.id}>
            <button type="button" className="link" onClick={() => onOpen({ model: m.id })}>
              {m.name}
            </button>{' '}
            <code>{m.id}</code>
          </li>,
          ...m.variants.map((v) => (
            <li key={v.id} className="models-variant">
              ↳{' '}
              <button type="button" className="link" data-testid="graph-pick-variant" onClick={() => onOpen({ variant: v.id })}>
                {v.kind}
              </button>{' '}
              <code>{v.id}</code>
            </li>
          )),
        ])}
        {bundled.models.map((b) => (
          <li key={`bundled-${b.id}`}>
            <button type="button" className="link" onClick={() => onOpen({ model: b.id })}>
              {b.name}
            </button>{' '}
            <span className="muted">bundled</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
