/**
 * Kept so that the provider construct (provider/trail-provider) compiles until
 * its imports move to private/logical-ids; nothing else imports this folder.
 * Remove with that change.
 */
export * from '../private/logical-ids';
