// The peak resident set of this process, for the benches' memory figures.
// Linux: VmHWM of /proc/self/status, the high-water mark of this program's own address space. Not getrusage's
// maxRSS (process.resourceUsage().maxRSS): on Linux a process started by fork + exec keeps in maxRSS the RSS of the
// parent it was forked from (the fork's copy of the parent's address space is counted until exec replaces it), so a
// bench child spawned by a 700 MB bench process reported ≥ 700 MB whatever it did. Measured on this machine: a parent
// at 842 MB spawning `node -e`: the child's maxRSS 804 MB, its VmHWM 39 MB. Where /proc is missing: maxRSS, with
// that flaw (`source` says which).
import { readFileSync } from 'node:fs';

export interface PeakRss {
  /** MiB (2^20 bytes). */
  mb: number;
  source: 'VmHWM' | 'maxRSS';
}

export function peakRss(): PeakRss {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return { mb: Number(m[1]) / 1024, source: 'VmHWM' };
  } catch {
    // no procfs (macOS, Windows): fall through
  }
  return { mb: process.resourceUsage().maxRSS / 1024, source: 'maxRSS' }; // maxRSS is in KiB
}

/** peakRss().mb rounded to whole MiB. */
export const peakRssMb = (): number => Math.round(peakRss().mb);
