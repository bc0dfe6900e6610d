// Run identity colours in the A/B replay (Okabe–Ito, distinct under the common colour-vision deficiencies).
// The box source is told by stroke style instead: solid = detected on that frame, dashed = propagated.
export const BASELINE_COLOUR = '#0072B2';
export const VARIANT_COLOUR = '#D55E00';
