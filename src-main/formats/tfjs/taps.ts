// TF.js taps: the stock GraphModel executed with every tappable node as an output (execute, or
// executeAsync for control-flow graphs). Tappable: top-level nodes that compute (not Const / Placeholder /
// NoOp / control-flow plumbing) and sit outside TF1 while-loop frames — a node inside a loop has one value
// per iteration, which a single fetch cannot name. Nodes inside library functions (TF2 control flow) are
// not reachable by name either; TensorArray/TensorList ops hold handles and flows, not activations.
// Non-float results are dropped at run time.
import * as tf from '@tensorflow/tfjs';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { TfNode } from './manifest';
import { ensureTfjsBackend } from '../../runtimes/tfjs-backend';
import { readTfjsModel } from './io';
import { inputNode, loopDepths, needsAsync } from './graph';
import { isTfFloatActivation } from './dtypes';
import type { HostTensor } from '../../runtimes/types';
import type { TappedModel, TapInfo } from '../../layers/taps';

const NOT_TAPPED = new Set(['Const', 'Placeholder', 'PlaceholderWithDefault', 'NoOp', 'Enter', 'Exit', 'Merge', 'Switch', 'NextIteration', 'LoopCond', 'TensorArrayV3', 'Assert']);

function isFloatNode(n: TfNode): boolean {
  const a = n.attr ?? {};
  const t = a.T?.type ?? a.dtype?.type ?? a.DstT?.type ?? a.out_type?.type;
  return t === undefined || isTfFloatActivation(t);
}

export function tfjsTapList(nodes: TfNode[]): TapInfo[] {
  const depth = loopDepths(nodes);
  return nodes
    .filter((n) => !NOT_TAPPED.has(n.op) && !/^(TensorArray|TensorList)/.test(n.op) && (depth.get(n.name) ?? 0) === 0 && isFloatNode(n))
    .map((n) => ({ tensor: n.name, node: n.name, op: n.op, inputs: (n.input ?? []).filter((r) => !r.startsWith('^')).map(inputNode) }));
}

export async function openTfjsTaps(file: string): Promise<TappedModel> {
  await ensureTfjsBackend();
  const { json, artifacts } = await readTfjsModel(file);
  let model: tf.GraphModel;
  try {
    model = await tf.loadGraphModel({ load: async () => artifacts });
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `TF.js graph model does not load: ${(e as Error).message.split('\n')[0]}`, file);
  }
  const nodes = ((json.modelTopology as { node?: TfNode[] }).node ?? []) as TfNode[];
  const taps = tfjsTapList(nodes);
  const isAsync = needsAsync(json.modelTopology);
  const inputNames = model.inputs.map((i) => i.name);
  return {
    file,
    inputNames,
    taps,
    async run(feeds: Record<string, HostTensor>, tensors?: string[]) {
      const names = [...new Set(tensors ?? taps.map((t) => t.tensor))];
      const inT: Record<string, tf.Tensor> = {};
      let outT: tf.Tensor[] = [];
      try {
        for (const [k, v] of Object.entries(feeds)) inT[k] = tf.tensor(v.data, v.shape, v.dtype === 'uint8' ? 'int32' : v.dtype);
        const r = isAsync ? await model.executeAsync(inT, names) : model.execute(inT, names);
        outT = Array.isArray(r) ? r : [r];
        const out = new Map<string, Float32Array>();
        for (let i = 0; i < names.length; i++) {
          if (outT[i].dtype !== 'float32') continue;
          out.set(names[i], (await outT[i].data()) as Float32Array);
        }
        return out;
      } finally {
        tf.dispose(Object.values(inT));
        tf.dispose(outT);
      }
    },
    async dispose() {
      model.dispose();
    },
  };
}
