/**
 * Function Compute 3.0 entry point of the `Custom::ActionTrailTrail` provider:
 * the trail resource (runtime/trail-handler.ts) behind the custom resource
 * protocol (runtime/custom-resource/). The contract is runtime/README.md.
 * scripts/bundle-provider.js bundles this file into the template's `index.js`.
 */
import { HandlerResult, safeHandler } from './runtime/custom-resource/safe-handler';
import { FcContext, TRAIL_RESOURCE } from './runtime/trail-handler';

export type { FcContext, HandlerResult };
export type { RosRequest } from './runtime/custom-resource/request';

const handle = safeHandler(TRAIL_RESOURCE);

/**
 * Handles one custom resource request. `event` is the request JSON (a Buffer
 * from Function Compute). Resolves with a summary, or with `undefined` when
 * there is nothing to answer; never rejects.
 */
export function handler(event: Buffer | string | object, context: FcContext = {}): Promise<HandlerResult | undefined> {
  return handle(event, context);
}
