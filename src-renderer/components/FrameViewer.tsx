// One frame of a run: the stored JPEG (getFrame) with the frame's boxes drawn over it.
import { useEffect, useState } from 'react';
import type { FrameImage } from '../../src-shared/api';
import type { Detection } from '../../src-shared/formats/run';
import { getApi } from '../api/host';
import { errorText } from '../lib/format';
import { BoxOverlay } from './BoxOverlay';
import { ErrorAlert } from './ErrorAlert';

export function FrameViewer({ runId, frame, detections }: { runId: string; frame: number; detections: Detection[] }) {
  // The image remembers which frame it shows: the overlay is drawn only over its own frame's picture
  // (while the next frame loads, the previous picture stays, without boxes that do not belong to it).
  const [shown, setShown] = useState<{ key: string; image: FrameImage } | null>(null);
  const key = `${runId}#${frame}`;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    getApi()
      .getFrame({ run: runId, frame })
      .then((image) => live && setShown({ key, image }))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [runId, frame, key]);
  const image = shown?.image;
  return (
    <div className="frame-viewer" data-testid="frame-viewer">
      <ErrorAlert message={error} />
      {shown && image && (
        <div className="frame-stage" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
          <img src={`data:${image.mime};base64,${image.base64}`} alt={`frame ${frame}`} width={image.width} height={image.height} />
          {shown.key === key && <BoxOverlay detections={detections} width={image.width} height={image.height} />}
        </div>
      )}
    </div>
  );
}
