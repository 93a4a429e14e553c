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
