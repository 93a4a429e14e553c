import { ValidationError } from '../../lib';

/** Runs `fn` and returns the ValidationError it throws; fails the test when it throws nothing or something else. */
export function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** Runs `f` and returns what it threw, or `undefined` when it returned. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Describes what `thrown` returned, for failure messages. */
export function describeThrown(e: unknown): string {
  if (e === undefined) return 'no error';
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 500)}`;
  return `non-Error thrown: ${String(e).slice(0, 500)}`;
}
