/** lib/shared/validation-error.ts: the one error class of bad input, from constructs and AuditChecks. */
import { ValidationError } from '../../lib';
import { ValidationError as SharedValidationError } from '../../lib/shared/validation-error';

test('the public ValidationError is the shared one, and names owner, property and rule', () => {
  expect(ValidationError).toBe(SharedValidationError);
  const error = new ValidationError("Trail 'Audit/T'", 'Audit/T', 'trailName', "'Ab' must be longer");
  expect(error).toBeInstanceOf(Error);
  expect([error.name, error.message, error.constructPath, error.property]).toEqual([
    'ValidationError',
    "Trail 'Audit/T': trailName 'Ab' must be longer",
    'Audit/T',
    'trailName',
  ]);
});
