/**
 * The alert pack's L1 resources, rendered once per synthesis. ros-cdk renders
 * a resource's props three times in one synthesis: to find cross-stack
 * references, for the app-wide rules (which every `Trail` runs while
 * validating) and for the template. These classes keep the first
 * (unresolved) render for the rest of the synchronous synthesis, skip the
 * reference scan when it has nothing to find (the private reference-scan module),
 * and give the stack the rules' resolved
 * fragment (as the trail's `RenderedOnceResource` does). Both are dropped when
 * the synthesis is over (a microtask) and when the next one starts
 * (`prepare()`), so a change made in between is seen. Measured with
 * bench/alerts.js.
 */
// The L1 modules only: each package's entry also loads its L2 constructs (for
// ros-cdk-sls, 20 modules and 1 MB of JavaScript) that the alerts never use.
import { RosRule } from '@alicloud/ros-cdk-eventbridge/lib/eventbridge.generated';
import { RosAlert } from '@alicloud/ros-cdk-sls/lib/sls.generated';
import * as ros from '@alicloud/ros-cdk-core';
import { mapOnlyForTemplates, referencesOnlyOwnStack } from '../private/reference-scan';
import { forgetRenderedFragment, renderedFragment } from '../shared/markers';

/** The unresolved renders kept for the rest of one synthesis. */
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

// TypeScript requires a mixin's base to take `...args: any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RosResourceClass = new (...args: any[]) => ros.RosResource;

/** `Base` rendered once per synthesis, skipping ros-cdk's reference scan when it has nothing to find. */
function renderedOnce<TBase extends RosResourceClass>(Base: TBase): TBase {
  return class extends Base {
    /** The render of this synthesis: the rules' resolved fragment, or the first render. */
    public _toRosTemplate(): object {
      return renderOnce(
        this,
        () => super._toRosTemplate(),
        () => referencesOnlyOwnStack(ros.Stack.of(this), this.rosProperties),
      );
    }

    /** Each synthesis starts afresh. */
    protected prepare(): void {
      forgetRenderedFragment(this);
      renders.delete(this);
    }
  };
}

/** An `ALIYUN::EventBridge::Rule` rendered once per synthesis. */
export const RenderedOnceRule = renderedOnce(RosRule);

/** An `ALIYUN::SLS::Alert` rendered once per synthesis. */
export const RenderedOnceAlert = renderedOnce(RosAlert);
