// Imported device latency records (latency API cells), fetched once per page, for the device-speed simulation.
import { useEffect, useState } from 'react';
import type { LatencyCell } from '../../src-shared/types/latency';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';

let cells: Promise<LatencyCell[]> | null = null;

/** Every device × delegate × variant cell with its record id and mean latency, ms. */
export function useLatencyCells(): { cells: LatencyCell[]; error: string | null } {
  const [got, setGot] = useState<{ cells: LatencyCell[]; error: string | null }>({ cells: [], error: null });
  useEffect(() => {
    let live = true;
    cells ??= getApi()
      .latency({})
      .then((m) => m.cells);
    cells.then(
      (c) => live && setGot({ cells: c, error: null }),
      (e: unknown) => {
        cells = null;
        if (live) setGot({ cells: [], error: errorText(e) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return got;
}

/** Mean latency (ms) of the picked record (record id, else device name), or 0 when none is picked/found. */
export function deviceLatencyMs(cellsIn: readonly LatencyCell[], device: string | null): number {
  if (!device) return 0;
  const c = cellsIn.find((x) => x.recordId === device) ?? cellsIn.find((x) => x.device === device);
  return c?.latencyMs.mean ?? 0;
}
