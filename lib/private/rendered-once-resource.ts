import * as ros from '@alicloud/ros-cdk-core';
import { forgetRenderedFragment, renderedFragment } from '../shared/markers';

/**
 * A ROS resource that its stack's template takes from the rules' render when
 * they rendered it in this synthesis (the trail's custom resource: every
 * synthesis renders it for the rules while validating).
 * ros-cdk-core renders each resource for its template as
 * `stack.resolve(resource._toRosTemplate())`, which is what the rules render
 * too, while validating, when the tree no longer changes; giving that result
 * back saves resolving the resource's tokens a second time, and the resolved
 * fragment resolves to itself.
 */
export class RenderedOnceResource extends ros.RosResource {
  /** The fragment for the template: the rules' render of this synthesis, or a fresh one. */
  public _toRosTemplate(): object {
    return renderedFragment(this) ?? super._toRosTemplate();
  }

  /** Each synthesis starts afresh: what an earlier one rendered may be stale. */
  protected prepare(): void {
    forgetRenderedFragment(this);
  }
}
