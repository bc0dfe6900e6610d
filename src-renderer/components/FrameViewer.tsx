// One frame of a run: the stored JPEG (getFrame) with the frame's boxes drawn over it.
import { useEffect, useState } from 'react';
import type { FrameImage } from '../../src-shared/api';
import type { Detection } from '../../src-shared/formats/run';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';
import { BoxOverlay } from './BoxOverlay';
import { ErrorAlert } from './ErrorAlert';

export function FrameViewer({ runId, frame, detections }: { runId: string; frame: number; detections: Detection[] }) {
  const [image, setImage] = useState<FrameImage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    getApi()
      .getFrame({ run: runId, frame })
      .then((img) => live && setImage(img))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [runId, frame]);
  return (
    <div className="frame-viewer" data-testid="frame-viewer">
      <ErrorAlert message={error} />
      {image && (
        <div className="frame-stage" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
          <img src={`data:${image.mime};base64,${image.base64}`} alt={`frame ${frame}`} width={image.width} height={image.height} />
          <BoxOverlay detections={detections} width={image.width} height={image.height} />
        </div>
      )}
    </div>
  );
}
