/**
 * What a person reads in a real-time alert: the detection, then the event's
 * account, region, name, who made it (`userIdentity`), source IP and time,
 * taken from the EventBridge envelope with JSONPath (EventBridge's TEMPLATE
 * form: `value` maps variables to JSONPath, `template` uses them as `${name}`).
 */
import type { DetectionSeverity } from '../shared/detections';

/** The detection a rule serves, as its message names it. */
export interface AlertMessage {
  /** The detection id, `AT-DETECT-…`. */
  readonly detection: string;
  /** The detection's title. */
  readonly title: string;
  /** The severity (after overrides). */
  readonly severity: DetectionSeverity;
  /** The CIS item, when one applies. @default none (the detection serves no CIS item) */
  readonly cis?: string;
}

/**
 * The event fields a message shows, as JSONPath into the EventBridge envelope
 * (ActionTrail's record sits under `data`; the account is the envelope's
 * `aliyunaccountid`, the account whose bus received the event).
 */
export const MESSAGE_FIELDS: Readonly<Record<string, string>> = {
  account: '$.aliyunaccountid',
  region: '$.data.acsRegion',
  eventName: '$.data.eventName',
  eventType: '$.data.eventType',
  identityType: '$.data.userIdentity.type',
  userName: '$.data.userIdentity.userName',
  principalId: '$.data.userIdentity.principalId',
  sourceIp: '$.data.sourceIpAddress',
  time: '$.data.eventTime',
};

/** The `value` of a TEMPLATE parameter: the variables and their JSONPath, as JSON text. */
export function messageVariables(): string {
  return JSON.stringify(MESSAGE_FIELDS);
}

/** The first line of every message: severity, detection and title. */
function messageHeadline(message: AlertMessage): string {
  const cis = message.cis ? ` (CIS ${message.cis})` : '';
  return `[ActionTrail alert] ${message.severity} ${message.detection}${cis}: ${message.title}`;
}

/** The message as plain text lines (DingTalk, email). */
export function messageText(message: AlertMessage): string {
  return [
    messageHeadline(message),
    'Event: ${eventName} (${eventType})',
    'Account: ${account}, region: ${region}',
    'Who: ${identityType} ${userName} (principal ${principalId})',
    'Source IP: ${sourceIp}',
    'Time: ${time}',
  ].join('\n');
}

/** The message as a JSON object template (webhook, MNS, SMS template parameters). */
export function messageJson(message: AlertMessage): string {
  const fields = Object.fromEntries(Object.keys(MESSAGE_FIELDS).map((key) => [key, `\${${key}}`]));
  return JSON.stringify({
    source: 'actiontrail-cdk',
    detection: message.detection,
    title: message.title,
    severity: message.severity,
    ...(message.cis ? { cis: message.cis } : {}),
    ...fields,
  });
}
