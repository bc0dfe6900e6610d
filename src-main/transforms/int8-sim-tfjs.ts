// TF.js int8 SIMULATED (see the transform below for what is simulated and how).
import { promises as fs } from 'node:fs';

/** model.json key that marks a simulated variant (stock tfjs keeps userDefinedMetadata as is). */
export const SIMULATED_MARK = 'edgelab';

/** True when a TF.js model.json carries the simulated-int8 mark. Never throws. */
export async function isSimulatedModel(modelJson: string): Promise<boolean> {
  try {
    const j = JSON.parse(await fs.readFile(modelJson, 'utf8')) as { userDefinedMetadata?: Record<string, { simulated?: unknown }> };
    return j.userDefinedMetadata?.[SIMULATED_MARK]?.simulated === true;
  } catch {
    return false;
  }
}
