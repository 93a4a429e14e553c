/**
 * The error class of bad input at synth: thrown by the constructs (through
 * their validator) and by `AuditChecks` (a bad suppression, a bad option), so
 * that a user catches one class. Node built-ins only.
 */

/**
 * The error every construct of this library throws for bad input. Its message
 * names the construct (kind and path), the property, the bad value and the rule,
 * e.g. `Trail 'Audit/AuditTrail': trailName 'Ab' must be 6-36 characters ...`.
 */
export class ValidationError extends Error {
  /** The construct path, e.g. `Audit/AuditTrail`. */
  public readonly constructPath: string;
  /** The property that holds the bad value, e.g. `trailName`. */
  public readonly property: string;

  /**
   * @param owner - the construct kind and path, as `Trail 'Audit/AuditTrail'`
   * @param constructPath - the construct path alone
   * @param property - the property name
   * @param message - the rest of the message: the value and the rule
   */
  constructor(owner: string, constructPath: string, property: string, message: string) {
    super(`${owner}: ${property} ${message}`);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.property = property;
  }
}
