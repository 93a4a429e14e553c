/**
 * Kept so that the provider construct (provider/trail-provider) compiles until
 * its imports move to private/dependencies; nothing else imports this folder.
 * Remove with that change.
 */
export * from '../private/dependencies';
