// A timestamped unit flowing between calculator nodes (MediaPipe's Packet, minus type erasure).
export interface Packet<T> {
  /** Presentation time of the frame this packet belongs to, ms from the clip start. */
  timestampMs: number;
  /** 0-based decode-order index of that frame. */
  frameIndex: number;
  payload: T;
}

export function packet<T>(frameIndex: number, timestampMs: number, payload: T): Packet<T> {
  return { frameIndex, timestampMs, payload };
}
