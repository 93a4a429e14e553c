/**
 * The alert pack's L1 resources, rendered once per synthesis. ros-cdk renders
 * a resource's props three times in one synthesis: to find cross-stack
 * references, for the app-wide rules (which every `Trail` runs while
 * validating) and for the template. These classes keep the first render
 * (props to template fragment, through the package's mappers) for the rest
 * of the synchronous synthesis, and give the stack the rules' resolved
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

/** An `ALIYUN::EventBridge::Rule` rendered once per synthesis. */
export class RenderedOnceRule extends RosRule {
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
}

/** An `ALIYUN::SLS::Alert` rendered once per synthesis. */
export class RenderedOnceAlert extends RosAlert {
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
}
