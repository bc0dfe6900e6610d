// The project's overlay settings for this page: loaded once from the workspace (getSettings), edited live by the
// overlay designer (every replay view re-renders with the edits), written back only by save() (saveSettings).
// A module store read with useSyncExternalStore, so the edits survive switching views but not a reload
// (what survives a reload is what was saved in the workspace).
import { useSyncExternalStore } from 'react';
import type { OverlaySettings, ProjectSettings } from '../../src-shared/types/settings';
import { overlaySettingsSchema } from '../../src-shared/types/settings';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';

export interface OverlayState {
  /** Settings in force (possibly unsaved edits). */
  overlay: OverlaySettings;
  /** Last loaded/saved project settings (null until loaded). */
  saved: ProjectSettings | null;
  dirty: boolean;
  error: string | null;
  saving: boolean;
}

let state: OverlayState = { overlay: overlaySettingsSchema.parse({}), saved: null, dirty: false, error: null, saving: false };
let loading = false;
const listeners = new Set<() => void>();

function set(next: Partial<OverlayState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function load(): void {
  if (loading || state.saved) return;
  loading = true;
  getApi()
    .getSettings({})
    .then((s) => set({ saved: s, overlay: state.dirty ? state.overlay : s.overlay }))
    .catch((e: unknown) => set({ error: errorText(e) }))
    .finally(() => (loading = false));
}

export function editOverlay(patch: Partial<OverlaySettings>): void {
  set({ overlay: overlaySettingsSchema.parse({ ...state.overlay, ...patch }), dirty: true });
}

export function resetOverlay(): void {
  set({ overlay: overlaySettingsSchema.parse({}), dirty: true });
}

export async function saveOverlay(): Promise<void> {
  set({ saving: true, error: null });
  try {
    const saved = await getApi().saveSettings({ settings: { ...(state.saved ?? {}), overlay: state.overlay } });
    set({ saved, overlay: saved.overlay, dirty: false, saving: false });
  } catch (e) {
    set({ error: errorText(e), saving: false });
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  load();
  return () => listeners.delete(l);
}

export function useOverlaySettings(): OverlayState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
