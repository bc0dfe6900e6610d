// The views of the app, by id: the shell (App.tsx) draws a nav button per entry with `inNav` and renders the
// entry named by the route (nav.tsx). A view is added by adding one entry here; entries take no props and
// read shared data with useAppData() and their parameters with useNav().route.params.
// Every view is its own chunk, loaded when first shown (React.lazy; the shell wraps it in Suspense), so the entry
// bundle stays small; what a view fetches ahead while its chunk is still loading is in preloads.ts.
import { lazy, type ComponentType } from 'react';
import { useAppData } from '../data/AppData';
import { useNav } from '../nav';
import type { VariantPrefill } from '../components/VariantForm';

/** A named export loaded on first render as its own chunk (`any`: the props are checked where it is used). */
function lazyNamed<T extends ComponentType<any>>(load: () => Promise<T>) {
  return lazy(() => load().then((c) => ({ default: c })));
}

const DegradationView = lazyNamed(() => import('./DegradationView').then((m) => m.DegradationView));
const JobsView = lazyNamed(() => import('./JobsView').then((m) => m.JobsView));
const LabView = lazyNamed(() => import('./LabView').then((m) => m.LabView));
const LatencyView = lazyNamed(() => import('./LatencyView').then((m) => m.LatencyView));
const ABView = lazyNamed(() => import('./ABView').then((m) => m.ABView));
const DrawBench = lazyNamed(() => import('./DrawBench').then((m) => m.DrawBench));
const GraphView = lazyNamed(() => import('./GraphView').then((m) => m.GraphView));
const ModelsView = lazyNamed(() => import('./ModelsView').then((m) => m.ModelsView));
const OverlayDesigner = lazyNamed(() => import('./OverlayDesigner').then((m) => m.OverlayDesigner));
const ReplayView = lazyNamed(() => import('./ReplayView').then((m) => m.ReplayView));
const RunView = lazyNamed(() => import('./RunView').then((m) => m.RunView));
const SweepView = lazyNamed(() => import('./SweepView').then((m) => m.SweepView));

export interface ViewEntry {
  /** Route id: `#/<id>`. */
  id: string;
  /** Nav button text. */
  title: string;
  component: ComponentType;
  /** Shown as a nav button (false for views opened from another view, e.g. one run). */
  inNav: boolean;
}

function Models() {
  const { bundled, runs, refreshRuns } = useAppData();
  const nav = useNav();
  return <ModelsView bundled={bundled.models} clips={bundled.clips} runs={runs} onChanged={refreshRuns} onGraph={(t) => nav.go('graph', t)} prefill={parsePrefill(nav.route.params.prefill)} />;
}

/** `#/models?prefill=<json>` (the Graph view's "keep in float"): the New variant form's initial values. */
function parsePrefill(text: string | undefined): VariantPrefill | undefined {
  if (!text) return undefined;
  try {
    const p = JSON.parse(text) as VariantPrefill;
    return typeof p.model === 'string' && typeof p.kind === 'string' && Array.isArray(p.exclude) ? p : undefined;
  } catch {
    return undefined;
  }
}

function Degradation() {
  const { runs } = useAppData();
  return <DegradationView runs={runs} />;
}

function Replay() {
  const { bundled, runs, refreshRuns } = useAppData();
  const nav = useNav();
  return <ReplayView bundled={bundled.models} clips={bundled.clips} runs={runs} onFinished={refreshRuns} onOpenRun={(id) => nav.go('run', { run: id })} onOpenAB={(baseline, variant) => nav.go('ab', { baseline, variant })} />;
}

function Run() {
  const nav = useNav();
  const id = nav.route.params.run;
  if (!id) return <p className="muted">No run chosen: open one from Replay &amp; runs.</p>;
  return <RunView runId={id} onBack={() => nav.go('replay')} />;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'models', title: 'Models', component: Models, inNav: true },
  { id: 'replay', title: 'Replay & runs', component: Replay, inNav: true },
  { id: 'run', title: 'Run', component: Run, inNav: false },
  { id: 'ab', title: 'A/B replay', component: ABView, inNav: true },
  { id: 'overlay', title: 'Overlay designer', component: OverlayDesigner, inNav: true },
  { id: 'bench-draw', title: 'Draw benchmark', component: DrawBench, inNav: false },
  { id: 'graph', title: 'Graph', component: GraphView, inNav: true },
  { id: 'degradation', title: 'Degradation', component: Degradation, inNav: true },
  { id: 'sweep', title: 'Cadence sweep', component: SweepView, inNav: true },
  { id: 'lab', title: 'Lab', component: LabView, inNav: true },
  { id: 'latency', title: 'Latency', component: () => <LatencyView />, inNav: true },
  { id: 'jobs', title: 'Jobs', component: JobsView, inNav: true },
];

/** The entry for a route's view id (the first entry when unknown). */
export function viewFor(id: string): ViewEntry {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
}
