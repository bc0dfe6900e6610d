// Canvas pixel size for a clip: its frame size, long side capped (boxes are drawn at this resolution).
export function canvasSize(width: number, height: number, maxSide = 1280): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(1, width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
