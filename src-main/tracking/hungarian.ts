// The Hungarian solver lives in src-shared (pure maths, also used by the tracking metrics); one copy.
export { hungarian } from '../../src-shared/metrics/hungarian';
