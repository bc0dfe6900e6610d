// A tfjs IOHandler reading model.json and its weight shards from disk (Node has no fetch of file://): the
// ModelArtifacts every TF.js loader here (runtime, probe constants) starts from; BAD_INPUT names the file.
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import { checkWeightsFit } from './manifest';

/** model.json as tfjs parses it, and the ModelArtifacts (topology + concatenated weights) tf.loadGraphModel takes. */
export interface TfjsArtifacts {
  json: tf.io.ModelJSON;
  artifacts: tf.io.ModelArtifacts;
}

/** Reads model.json + shards (weightsManifest order) into ModelArtifacts; BAD_INPUT naming the file on error. */
export async function readTfjsModel(path: string): Promise<TfjsArtifacts> {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await fs.readFile(path, 'utf8')) as tf.io.ModelJSON;
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `cannot read TF.js model.json: ${(e as Error).message.split('\n')[0]}`, path);
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new EdgeLabError('BAD_INPUT', 'not a TF.js graph model (modelTopology or weightsManifest missing)', path);
  }
  const dir = dirname(path);
  const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const parts: ArrayBuffer[] = [];
    for (const group of manifest) {
      for (const w of group.weights) specs.push(w);
      for (const p of group.paths) {
        const f = join(dir, p);
        try {
          const b = await fs.readFile(f);
          parts.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
        } catch (e) {
          throw new EdgeLabError('BAD_INPUT', `missing weight shard ${p}: ${(e as Error).message}`, f);
        }
      }
    }
    const data = tf.io.concatenateArrayBuffers(parts);
    // tfjs decodes the weights in this order from one buffer: every one (strings included) must fit, else a
    // string weight declaring billions of elements spins decoding past the end.
    checkWeightsFit(specs, new Uint8Array(data), path);
    return [specs, data];
  });
  return { json, artifacts };
}
