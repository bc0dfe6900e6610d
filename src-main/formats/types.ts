// Model readers: a cheap `match` on the first bytes and the file name, then `open` (Netron's pattern).
import type { InspectFormat, InspectResult } from '../../src-shared/types/model';

export interface ModelReader {
  format: InspectFormat;
  /** Inspect only: no runtime or transform reads this format (TFLite). */
  readOnly?: boolean;
  /** Cheap: looks at up to the first 4 KiB and the path only; never throws. */
  match(head: Uint8Array, path: string): boolean;
  /** Parses the model fully; throws EdgeLabError('BAD_INPUT', problem, file) on a bad or truncated file. */
  inspect(path: string): Promise<InspectResult>;
}
