/**
 * Kept so that lib/provider/trail-provider.ts compiles until its imports move
 * to lib/private/errors.ts; nothing else imports lib/common. Remove with that change.
 */
export * from '../private/errors';
