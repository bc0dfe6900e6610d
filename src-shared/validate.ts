// Boundary validation: every host runs incoming arguments through the method's schema.
import { argSchemas, isMethodName, type Args, type MethodName } from './api';
import { EdgeLabError } from './protocol';

export function validateArgs<M extends MethodName>(method: M, args: unknown): Args<M> {
  const r = argSchemas[method].safeParse(args ?? {});
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'arguments';
    throw new EdgeLabError('BAD_INPUT', `${method}: ${where}: ${first?.message ?? 'invalid'}`);
  }
  return r.data as Args<M>;
}

export function checkMethod(method: unknown): MethodName {
  if (!isMethodName(method)) throw new EdgeLabError('NOT_FOUND', `unknown method: ${String(method).slice(0, 80)}`);
  return method;
}
