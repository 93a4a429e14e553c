/**
 * The alert pack's L1 resources, rendered once per synthesis: the app-wide
 * rules (which every `Trail` runs while validating) render each resource of
 * the app and remember the fragment; the stack's own render then takes it
 * instead of rendering the props again (as the trail's `RenderedOnceResource`
 * does). Saves a third of a full pack's synth time (bench/alerts.js).
 */
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import * as sls from '@alicloud/ros-cdk-sls';
import { forgetRenderedFragment, renderedFragment } from '../shared/markers';

/** An `ALIYUN::EventBridge::Rule` rendered once per synthesis. */
export class RenderedOnceRule extends eventbridge.RosRule {
  /** The rules' render of this synthesis, or a fresh one. */
  public _toRosTemplate(): object {
    return renderedFragment(this) ?? super._toRosTemplate();
  }

  /** Each synthesis starts afresh. */
  protected prepare(): void {
    forgetRenderedFragment(this);
  }
}

/** An `ALIYUN::SLS::Alert` rendered once per synthesis. */
export class RenderedOnceAlert extends sls.RosAlert {
  /** The rules' render of this synthesis, or a fresh one. */
  public _toRosTemplate(): object {
    return renderedFragment(this) ?? super._toRosTemplate();
  }

  /** Each synthesis starts afresh. */
  protected prepare(): void {
    forgetRenderedFragment(this);
  }
}
