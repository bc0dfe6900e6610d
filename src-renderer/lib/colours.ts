// Okabe–Ito colour-blind-safe colours used by the overlays. Detected and propagated boxes also differ
// in stroke pattern (solid vs dashed), so they are told apart without colour.
export const DETECTED_COLOUR = '#E69F00';
export const PROPAGATED_COLOUR = '#56B4E9';
export const PROPAGATED_DASH = '6 4';
