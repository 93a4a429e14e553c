/**
 * The environment variables that the template sets on the provider function
 * and that the handler trusts (an invoker cannot change them). Kept free of
 * imports: the construct (trail-provider.ts) loads this module at synth time,
 * and the package ships it beside actions.js.
 */

/** Environment variable holding the stack's ownership secret (an `ALIYUN::RandomString`). */
export const OWNERSHIP_KEY_VARIABLE = 'TRAIL_OWNERSHIP_KEY';

/** Environment variable holding the template's trail declarations, by logical ID. */
export const DECLARATIONS_VARIABLE = 'TRAIL_DECLARATIONS';
