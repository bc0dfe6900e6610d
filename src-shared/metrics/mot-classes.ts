// MOTChallenge gt.txt classes (MOT17/MOT20 ids, TrackEval's `class_name_to_class_id`) and how EdgeLab scores them,
// as TrackEval's MOTChallenge loader does (datasets/mot_challenge_2d_box.py): rows whose conf truncates to 0 are not
// scored; predictions matched to a distractor row are removed instead of counting as false positives.

/** TrackEval's MOTChallenge class ids. */
export const MOT_CLASS_IDS = {
  pedestrian: 1,
  person_on_vehicle: 2,
  car: 3,
  bicycle: 4,
  motorbike: 5,
  non_mot_vehicle: 6,
  static_person: 7,
  distractor: 8,
  occluder: 9,
  occluder_on_ground: 10,
  occluder_full: 11,
  reflection: 12,
  crowd: 13,
} as const;

/** MOT17's distractor classes (person_on_vehicle, static_person, distractor, reflection). */
export const MOT_DISTRACTOR_IDS: readonly number[] = [2, 7, 8, 12];

/**
 * Which gt classes are scored: `all` (default) every MOT class a COCO detector names; `pedestrian` class 1 only
 * and only the predictions labelled "person", exactly MOT17's evaluation (TrackEval's CLASSES_TO_EVAL).
 */
export const MOT_PRESETS = ['all', 'pedestrian'] as const;
export type MotPreset = (typeof MOT_PRESETS)[number];

/** Per preset: scored MOT class id → the COCO label predictions carry. Other non-distractor classes are not scored. */
export const MOT_SCORED: Readonly<Record<MotPreset, Readonly<Record<number, string>>>> = {
  all: { 1: 'person', 3: 'car', 4: 'bicycle', 5: 'motorcycle' },
  pedestrian: { 1: 'person' },
};

/** Per preset: the prediction labels kept (null = every label; a label no scored class has counts as false positive). */
export const MOT_PREDICTIONS: Readonly<Record<MotPreset, readonly string[] | null>> = {
  all: null,
  pedestrian: ['person'],
};
