import { EdgeLabError } from '../../../src-shared/protocol';

/** Resolves with the EdgeLabError a promise rejects with; fails the test if it resolves or throws something else. */
export function failure(p: Promise<unknown>): Promise<EdgeLabError> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => {
      if (!(e instanceof EdgeLabError)) throw new Error(`expected an EdgeLabError, got ${String(e)}`);
      return e;
    },
  );
}
