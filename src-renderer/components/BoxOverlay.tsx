// Detections as an SVG overlay in the frame's pixel space (viewBox = image width × height), stretched
// over the image. Detected boxes solid orange, tracker-propagated boxes dashed sky blue.
import type { Detection } from '../../src-shared/formats/run';
import { DETECTED_COLOUR, PROPAGATED_COLOUR, PROPAGATED_DASH } from '../lib/colours';
import { boxToPixels, detectionLabel } from '../lib/format';
import { placeLabels } from '../../src-shared/overlay/label-placement';

export function BoxOverlay({ detections, width, height }: { detections: Detection[]; width: number; height: number }) {
  const stroke = Math.max(2, width / 160);
  const font = Math.max(12, width / 32);
  const rects = detections.map((d) => boxToPixels(d.box, width, height));
  const texts = detections.map(detectionLabel);
  const spots = placeLabels(rects, texts, font, width, height);
  return (
    <svg className="overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid="overlay">
      {detections.map((d, i) => {
        const r = rects[i];
        const colour = d.source === 'detected' ? DETECTED_COLOUR : PROPAGATED_COLOUR;
        return (
          <g key={i}>
            <rect
              data-testid="box"
              data-source={d.source}
              x={r.x}
              y={r.y}
              width={r.width}
              height={r.height}
              fill="none"
              stroke={colour}
              strokeWidth={stroke}
              strokeDasharray={d.source === 'detected' ? undefined : PROPAGATED_DASH}
            />
            <text x={spots[i].x} y={spots[i].y} fill={colour} fontSize={font} stroke="#000" strokeWidth={0.8} paintOrder="stroke">
              {spots[i].text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
