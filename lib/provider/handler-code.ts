/**
 * The provider's deployable code: the provider's handler and its runtime
 * modules, bundled into one `index.js` and zipped when this package is built
 * (the bundle ships as `handler-code.generated.json`; the sources do not).
 */
import * as generated from './handler-code.generated.json';

/** The bundled provider code as embedded in the template. */
export interface ProviderCode {
  /** FC handler, `index.handler`. */
  readonly handler: string;
  /** Base64 of a zip that holds `index.js`; byte-identical for identical sources. */
  readonly zipFileBase64: string;
  /** Size of the bundled `index.js` in bytes. */
  readonly sourceBytes: number;
  /** SHA-256 of the bundled `index.js`. */
  readonly sourceSha256: string;
  /** Size of the zip in bytes. */
  readonly zipBytes: number;
}

/** The provider code of this build of the library. */
export const PROVIDER_CODE: ProviderCode = generated;
