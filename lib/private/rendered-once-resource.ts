import * as ros from '@alicloud/ros-cdk-core';
import { forgetRenderedFragment, renderedFragment } from '../shared/markers';
import { mapOnlyForTemplates, referencesOnlyOwnStack } from './reference-scan';

/**
 * ros-cdk renders a resource's props up to three times in one synthesis: to
 * find cross-stack references (the reference scan), for the rules (which
 * every `Trail` runs while validating) and for the template. A resource made
 * with {@link renderedOnce}:
 *
 * - keeps its first, unresolved render for the rest of the synchronous
 *   synthesis;
 * - skips the reference scan when every token it holds is a reference into
 *   its own stack or a pseudo parameter (the scan would find nothing to do),
 *   and otherwise is scanned without its props being mapped again;
 * - gives its stack's template the rules' resolved fragment when they
 *   rendered it in this synthesis.
 *
 * What it keeps is dropped when the synthesis is over (a microtask) and when
 * the next one starts (`prepare()`), so a change made in between is seen.
 * Measured with the project's benchmarks: together these were the largest
 * part of what the library added to ros-cdk-core's own synth time.
 */
const renders = new WeakMap<object, object>();

function renderOnce(resource: object, render: () => object, nothingToFind: () => boolean): object {
  const fragment = renderedFragment(resource);
  if (fragment !== undefined) return fragment;
  const kept = renders.get(resource);
  if (kept !== undefined) return kept;
  const fresh = mapOnlyForTemplates(render(), nothingToFind);
  renders.set(resource, fresh);
  queueMicrotask(() => renders.delete(resource));
  return fresh;
}

/** What a resource's lazy values are made of, for the reference scan's decision (see `ScanExpansions`). */
const expansions = new WeakMap<object, Map<ros.IResolvable, () => unknown>>();

/**
 * Tells the reference-scan decision what `token`, a lazy value in
 * `resource`'s props, is made of: `parts()` returns the values it produces
 * from (any form: their tokens are what counts). Without it a lazy value
 * makes the scan run.
 */
export function declareLazyParts(resource: ros.RosResource, token: ros.IResolvable, parts: () => unknown): void {
  let map = expansions.get(resource);
  if (map === undefined) expansions.set(resource, (map = new Map()));
  map.set(token, parts);
}

/**
 * Whether ros-cdk's reference scan would find nothing to do in `resource`:
 * what its render holds besides the props (metadata, description, count) is
 * judged too, and a condition always makes the scan run.
 */
function nothingToScan(
  resource: ros.RosResource,
  props: unknown,
  lazyParts?: ReadonlyMap<ros.IResolvable, () => unknown>,
): boolean {
  const { condition, metadata, description, count } = resource.rosOptions;
  if (condition !== undefined) return false;
  return referencesOnlyOwnStack(ros.Stack.of(resource), [props, metadata, description, count], lazyParts);
}

// TypeScript requires a mixin's base to take `...args: any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RosResourceClass = new (...args: any[]) => ros.RosResource;

/** `Base` rendered once per synthesis (see above). */
export function renderedOnce<TBase extends RosResourceClass>(Base: TBase): TBase {
  return class extends Base {
    /** The render of this synthesis: the rules' resolved fragment, or the first render. */
    public _toRosTemplate(): object {
      return renderOnce(
        this,
        () => super._toRosTemplate(),
        () => nothingToScan(this, this.rosProperties, expansions.get(this)),
      );
    }

    /** Each synthesis starts afresh: what an earlier one rendered may be stale. */
    protected prepare(): void {
      super.prepare();
      forgetRenderedFragment(this);
      renders.delete(this);
    }
  };
}

/** A `RosResource` rendered once per synthesis (the trail's custom resource, the provider's role and function). */
export class RenderedOnceResource extends renderedOnce(ros.RosResource) {}
