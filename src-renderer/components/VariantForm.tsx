// Make a variant of a workspace model: kind, calibration/validation clip, frames, calibration method and
// percentile, nodes kept in float, target SNR, and for ONNX int8 bias correction and weight range (Int8OnnxFields).
// Runs `convertModel` as a job (progress bar, Cancel, Jobs view).
import { useState } from 'react';
import { argSchemas, type ArgsIn, type ConvertResult, type EdgeLabApi } from '../../src-shared/api';
import { variantFormatOf, type BiasCorrectionSetting, type ModelEntry } from '../../src-shared/types/model';
import { useJob } from '../hooks/useJob';
import { ErrorAlert } from './ErrorAlert';
import { JobProgress } from './JobProgress';
import { ClipSelect } from './ClipSelect';
import { Int8OnnxFields, int8OnnxArgs, int8OnnxChoice } from './Int8OnnxFields';

export type Kind = ArgsIn<'convertModel'>['to'];
type Method = NonNullable<ArgsIn<'convertModel'>['method']>;
/** The choices of the convertModel schema itself (as the CLI's --to / --method and the lab spec use them). */
const convert = argSchemas.convertModel.shape;
export const KINDS: readonly Kind[] = convert.to.options;
export const METHODS: readonly Method[] = convert.method.unwrap().options;

/** Node names from a textarea: one per line or comma-separated, blanks dropped. */
export function parseNodeList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Entries named in the "made" line before "…" (node names can be long). */
const KEPT_SHOWN = 4;

/**
 * The convert result's keptFloat as a sentence. An entry is a node, a tensor, an op type or a group such as
 * 'post-processing' (its reason gives the count: one entry may stand for 59 nodes), so entries are counted, not nodes;
 * the Graph view marks the nodes themselves.
 */
export function keptFloatText(kept: readonly { name: string }[]): string {
  const names = kept.slice(0, KEPT_SHOWN).map((k) => k.name).join(', ') + (kept.length > KEPT_SHOWN ? ', …' : '');
  return `kept in float: ${kept.length} ${kept.length === 1 ? 'entry' : 'entries'} (${names})`;
}

export interface VariantFormProps {
  api: EdgeLabApi;
  models: ModelEntry[];
  clips: { id: string; name: string }[];
  onMade(r: ConvertResult): void;
  /** Initial values (e.g. from the per-layer error: int8 keeping the worst nodes in float); remount to apply anew. */
  initial?: VariantPrefill;
}

/** What a form is prefilled with; calibration settings (clip id or path, frames, method…) when remaking a variant. */
export interface VariantPrefill {
  model: string;
  kind: Kind;
  exclude: string[];
  calibration?: string;
  frames?: number;
  method?: string;
  percentile?: number;
  targetSnrDb?: number;
  /** ONNX int8 of a detector: the fraction of float32's detections to keep (convertModel targetRecall). */
  targetRecall?: number;
  /** ONNX int8: as convertModel takes them (absent = the defaults: no bias correction, weight range from the CPU). */
  biasCorrection?: BiasCorrectionSetting;
  reduceRange?: boolean;
}

export function VariantForm({ api, models, clips, onMade, initial }: VariantFormProps) {
  const [model, setModel] = useState(initial?.model ?? '');
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'int8');
  const cal = initial?.calibration;
  const calIsClip = cal !== undefined && clips.some((c) => c.id === cal);
  const [clip, setClip] = useState(calIsClip ? cal : '');
  const [clipPath, setClipPath] = useState(cal !== undefined && !calIsClip ? cal : '');
  const [frames, setFrames] = useState(initial?.frames ?? 4);
  const [method, setMethod] = useState<Method>(METHODS.includes(initial?.method as Method) ? (initial!.method as Method) : 'percentile');
  const [percentile, setPercentile] = useState(initial?.percentile ?? 99.99);
  const [exclude, setExclude] = useState((initial?.exclude ?? []).join('\n'));
  const [targetSnr, setTargetSnr] = useState(initial?.targetSnrDb !== undefined ? String(initial.targetSnrDb) : '');
  const [targetRecall, setTargetRecall] = useState(initial?.targetRecall !== undefined ? String(initial.targetRecall) : '');
  const [int8Onnx, setInt8Onnx] = useState(() => int8OnnxChoice(initial));
  const chosen = model || models[0]?.id || '';
  const job = useJob(`convert ${chosen} → ${kind}`);
  const [made, setMade] = useState<ConvertResult | null>(null);
  const calibrated = kind === 'int8';
  const chosenModel = models.find((m) => m.id === chosen);
  /** int8 of an ONNX model: static QDQ, where bias correction and the weight range apply. */
  const qdq = calibrated && chosenModel !== undefined && variantFormatOf(kind, chosenModel.format) === 'onnx';

  const submit = async () => {
    const args: ArgsIn<'convertModel'> = { model: chosen, to: kind, frames };
    const source = clipPath.trim() || clip || clips[0]?.id;
    if (source) args.calibration = source;
    if (calibrated) {
      args.method = method;
      if (method === 'percentile') args.percentile = percentile;
      const nodes = parseNodeList(exclude);
      if (nodes.length) args.exclude = nodes;
      if (targetSnr.trim() !== '') args.targetSnrDb = Number(targetSnr);
      if (qdq && targetRecall.trim() !== '') args.targetRecall = Number(targetRecall);
      if (qdq) Object.assign(args, int8OnnxArgs(int8Onnx));
    }
    setMade(null);
    const r = await job.start((o) => api.convertModel(args, o));
    if (r) {
      setMade(r);
      onMade(r);
    }
  };

  if (!models.length) return null;
  const running = job.status === 'running';
  return (
    <section className="lab-panel" aria-labelledby="variant-form-h">
      <h3 id="variant-form-h">New variant</h3>
      <form
        className="form"
        data-testid="variant-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          model
          <select data-testid="variant-model" value={chosen} onChange={(e) => setModel(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          kind
          <select data-testid="variant-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          {calibrated ? 'calibration clip' : 'validation clip'}
          <ClipSelect testId="variant-clip" clips={clips} value={clip || clips[0]?.id || ''} onChange={setClip} />
        </label>
        <label>
          or a clip / image folder path
          <input data-testid="variant-clip-path" size={28} value={clipPath} placeholder="/path/to/clip.mp4" onChange={(e) => setClipPath(e.target.value)} />
        </label>
        <label>
          frames
          <input data-testid="variant-frames" type="number" min={1} max={1000} value={frames} onChange={(e) => setFrames(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        {calibrated && (
          <>
            <label>
              method
              <select data-testid="variant-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            {method === 'percentile' && (
              <label>
                percentile
                <input type="number" step="any" min={50} max={100} value={percentile} onChange={(e) => setPercentile(Number(e.target.value))} />
              </label>
            )}
            <label>
              target SNR dB (optional)
              <input data-testid="variant-target-snr" type="number" step="any" min={0} max={200} value={targetSnr} onChange={(e) => setTargetSnr(e.target.value)} />
            </label>
            {qdq && chosenModel?.meta?.decoder && (
              <label>
                target recall 0–1 (optional: keep float32&apos;s detections)
                <input data-testid="variant-target-recall" type="number" step="any" min={0} max={1} value={targetRecall} onChange={(e) => setTargetRecall(e.target.value)} />
              </label>
            )}
            {qdq && <Int8OnnxFields value={int8Onnx} onChange={setInt8Onnx} />}
            <label className="lab-wide">
              nodes kept in float (one per line)
              <textarea data-testid="variant-exclude" rows={2} cols={40} value={exclude} onChange={(e) => setExclude(e.target.value)} />
            </label>
          </>
        )}
        <button type="submit" data-testid="variant-submit" disabled={running || !chosen}>
          Make variant
        </button>
      </form>
      {running && (
        <JobProgress progress={job.progress} label={`convert ${chosen} → ${kind}`} onCancel={job.cancel} cancelTestId="variant-cancel" />
      )}
      {job.status === 'cancelled' && (
        <p className="muted" data-testid="variant-cancelled">
          Cancelled: no variant was kept.
        </p>
      )}
      <ErrorAlert message={job.error} />
      {made && (
        <p data-testid="variant-made">
          Made <code>{made.variant.id}</code>: {made.variant.kind}, {(made.sizeBytes / 1e6).toFixed(1)} MB (source {(made.sourceSizeBytes / 1e6).toFixed(1)} MB)
          {made.validation ? `, SNR ${made.validation.snrDb.toFixed(1)} dB, cosine ${made.validation.cosine.toFixed(4)}` : ''}
          {made.keptFloat.length ? (
            <span data-testid="variant-kept-float" title={made.keptFloat.map((k) => `${k.name}: ${k.reason}`).join('\n')}>
              {`, ${keptFloatText(made.keptFloat)}`}
            </span>
          ) : (
            ''
          )}
          {made.folded?.length ? `, ${made.folded.length} activations folded into their quantized producer` : ''}.
        </p>
      )}
    </section>
  );
}
