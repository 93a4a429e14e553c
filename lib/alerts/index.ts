/**
 * `actiontrail-cdk/alerts`: the alert pack (issue 22). A separate entry so that
 * apps without alerts never load (nor install) its optional peers
 * `@alicloud/ros-cdk-eventbridge` and `@alicloud/ros-cdk-sls`. Names listed
 * one by one, as in the main entry; the API report is
 * `etc/actiontrail-cdk-alerts.api.md`.
 */
import './peers';

export {
  type AlertedTrail,
  type AlertRuleInfo,
  AuditAlerts,
  type AuditAlertsOptions,
  type AuditAlertsProps,
  type DetectionOverride,
} from './audit-alerts';
export { AlertSecret, type BoundAlertSecret } from './alert-secret';
export {
  AlertTarget,
  type AlertTargetKind,
  type BoundAlertTarget,
  type DingTalkTargetOptions,
  type EmailTargetOptions,
  type MnsQueueTargetOptions,
  type SmsTargetOptions,
  type TargetValidator,
  type WebhookTargetOptions,
} from './alert-target';
export { type AlertMessage, MESSAGE_FIELDS } from './alert-message';
export { type IAlertableTrail, type ITrailAlerts } from '../blueprints/trail-alerts';
export { type DetectionSeverity } from '../shared/detections';
export {
  ALERT_METADATA_KEY,
  type AlertResourceMetadata,
  DEFAULT_EVENT_BUS,
  EVENT_BRIDGE_LIMITS,
} from '../shared/event-patterns';
