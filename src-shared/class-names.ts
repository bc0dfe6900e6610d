// Label sets named by ModelMeta.labels. Pure data + one lookup; no Node, no DOM.

// prettier-ignore
/**
 * COCO category ids as used by the TF.js COCO-SSD model: index = COCO id 1..90 (length 91).
 * Index 0 and the 10 ids COCO never annotated (12, 26, 29, 30, 45, 66, 68, 69, 71, 83) are ''.
 */
export const COCO90: readonly string[] = [
  '', 'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', '', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep',
  'cow', 'elephant', 'bear', 'zebra', 'giraffe', '', 'backpack', 'umbrella', '', '',
  'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove',
  'skateboard', 'surfboard', 'tennis racket', 'bottle', '', 'wine glass', 'cup', 'fork', 'knife', 'spoon',
  'bowl', 'banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut',
  'cake', 'chair', 'couch', 'potted plant', 'bed', '', 'dining table', '', '', 'toilet',
  '', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave', 'oven', 'toaster',
  'sink', 'refrigerator', '', 'book', 'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush',
];

/** The 80 annotated COCO classes, contiguous: index 0..79 (= COCO90 without the gaps, same order). */
export const COCO80: readonly string[] = COCO90.filter((n, i) => i > 0 && n !== '');

export const FACE: readonly string[] = ['face'];

/** Named label sets accepted in ModelMeta.labels. */
export const LABEL_SETS: Readonly<Record<string, readonly string[]>> = {
  coco90: COCO90,
  coco80: COCO80,
  face: FACE,
};

/** The names `labels` stands for (a set name from LABEL_SETS or an explicit list), undefined if unknown/absent. */
export function labelTable(labels: string | readonly string[] | undefined): readonly string[] | undefined {
  return typeof labels === 'string' ? LABEL_SETS[labels.toLowerCase()] : labels;
}

/**
 * Display name of `classId` under `labels` (a set name from LABEL_SETS or an explicit list, index = class id).
 * Unknown set, out-of-range id or a gap gives `class <id>`, so a label is never empty.
 */
export function labelFor(labels: string | readonly string[] | undefined, classId: number): string {
  const table = labelTable(labels);
  const name = table && Number.isInteger(classId) && classId >= 0 ? table[classId] : undefined;
  return name ? name : `class ${classId}`;
}
