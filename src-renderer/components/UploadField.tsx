// "Upload from this computer": a file input (multiple) that sends the picked files to the server's upload route
// (api/upload.ts) into <workspace>/imports/<kind>/ and hands back their workspace paths. A model is one upload of
// all picked files (model.json + .bin shards, or .onnx + .edgelab.json); other kinds are one upload per file.
// Browser host only: inside Electron (no upload route) it says how files get in there instead — File → Allow
// files… (a native dialog the confined engine trusts), then the file's path in the view's path field.
import { useId, useState } from 'react';
import { UPLOAD_ACCEPT, type UploadKind, type UploadResult } from '../../src-shared/uploads';
import { getHostKind, getUploadTarget, type UploadTarget } from '../api/host';
import { uploadFiles, type DeskFile } from '../api/upload';
import { errorText } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';

export interface UploadFieldProps {
  kind: UploadKind;
  /** What to pick, in words. */
  label: string;
  /** Called with the uploads' results, in the order picked (a model: one result). */
  onUploaded(results: UploadResult[]): void;
  multiple?: boolean;
  disabled?: boolean;
  testId?: string;
  /** Where to upload (default: this page's server; null = no upload route, render nothing). */
  target?: UploadTarget | null;
}

export function UploadField({ kind, label, onUploaded, multiple = kind === 'model', disabled, testId, target }: UploadFieldProps) {
  const to = target === undefined ? getUploadTarget() : target;
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>([]);
  if (!to) {
    if (target !== undefined || getHostKind() !== 'electron') return null;
    return (
      <p className="muted" data-testid={testId}>
        {label}: in the desktop app, allow the file with File → Allow files…, then give its path.
      </p>
    );
  }

  const send = async (picked: DeskFile[]) => {
    if (!picked.length) return;
    setBusy(true);
    setError(null);
    setDone([]);
    try {
      const groups = kind === 'model' ? [picked] : picked.map((f) => [f]);
      const results: UploadResult[] = [];
      for (const g of groups) results.push(await uploadFiles(to, kind, g));
      setDone(results.map((r) => r.workspacePath));
      onUploaded(results);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="upload-field" data-testid={testId}>
      <label htmlFor={id}>{label} — upload from this computer</label>{' '}
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={UPLOAD_ACCEPT[kind] || undefined}
        disabled={disabled || busy}
        onChange={(e) => {
          const input = e.currentTarget;
          void send(Array.from(input.files ?? [])).then(() => (input.value = ''));
        }}
      />
      {busy && <span className="muted"> uploading…</span>}
      {done.length > 0 && (
        <span className="muted" data-testid={testId ? `${testId}-done` : undefined}>
          {' '}
          uploaded to {done.map((p) => <code key={p}>{p} </code>)}
        </span>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
