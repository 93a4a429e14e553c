import * as ros from '@alicloud/ros-cdk-core';
import type { RosRule } from '@alicloud/ros-cdk-eventbridge/lib/eventbridge.generated';
import { validatorOver } from '../private/errors';
import { patternRule } from '../private/names';
import { quote } from '../shared/quote';
import { AlertSecret } from './alert-secret';
import { type AlertMessage, messageJson, messageText, messageVariables } from './alert-message';

/** Options of a DingTalk robot target. */
export interface DingTalkTargetOptions {
  /**
   * The robot's webhook URL with its access token
   * (`https://oapi.dingtalk.com/robot/send?access_token=...`), from a NoEcho
   * parameter: `AlertSecret.parameter('DingTalkRobotUrl')`. A plain string is refused.
   */
  readonly robotUrl: AlertSecret;
  /**
   * The robot's signing secret (`SEC...`), from a NoEcho parameter, when the
   * robot's security setting is "additional signature". EventBridge's DingTalk
   * target requires a `SecretKey`; without this the key is sent empty (for a
   * robot secured by keyword: the messages start with `[ActionTrail alert]`).
   * @default no signature
   */
  readonly signingSecret?: AlertSecret;
}

/** Options of an HTTPS webhook target. */
export interface WebhookTargetOptions {
  /**
   * The `https://` URL events are POSTed to (JSON), or a NoEcho parameter
   * holding it (`AlertSecret.parameter('WebhookUrl')`) when the URL carries a
   * secret. `http://` is refused, and so is a literal URL that may carry one:
   * user info, any query string or fragment, a Slack incoming webhook
   * (`hooks.slack.com/services/...`), or a path segment that looks like a
   * token (20 or more of `A-Z a-z 0-9 _ -` mixing letters and digits, or
   * upper and lower case without separators).
   */
  readonly url: string | AlertSecret;
  /**
   * A token EventBridge sends in the `x-eventbridge-signature-token` header,
   * from a NoEcho parameter, so that the receiver can tell EventBridge's calls.
   * @default no token
   */
  readonly token?: AlertSecret;
}

/** Options of an email target (DirectMail, `acs.mail`). */
export interface EmailTargetOptions {
  /** The DirectMail sender address (`AccountName`), verified in DirectMail. */
  readonly senderAddress: string;
  /** The recipients (1 to 100). */
  readonly toAddresses: string[];
}

/** Options of an SMS target (Short Message Service, `acs.sms`). */
export interface SmsTargetOptions {
  /** The mobile numbers (1 to 100), digits with an optional leading `+`. */
  readonly phoneNumbers: string[];
  /** The approved SMS signature name. */
  readonly signName: string;
  /**
   * The approved SMS template code (`SMS_<digits>`). Its variables are filled
   * from the alert: `detection`, `severity`, `eventName`, `account`, `region`,
   * `userName`, `sourceIp`, `time` (and the others of the alert message).
   */
  readonly templateCode: string;
}

/** Options of a Simple Message Queue (MNS) queue target. */
export interface MnsQueueTargetOptions {
  /** The queue's name, in the alerts' account and region. */
  readonly queueName: string;
}

/** The kinds of alert target. */
export type AlertTargetKind = 'dingtalk' | 'webhook' | 'email' | 'sms' | 'mns-queue';

/** A target bound to a stack: renders the EventBridge target of one rule. */
export interface BoundAlertTarget {
  /** The target's kind. */
  readonly kind: AlertTargetKind;
  /** The parameter names of the secrets it reads. */
  readonly secretParameters: readonly string[];
  /**
   * The EventBridge target for a rule serving `message`.
   * @param message - what the alert says (detection, severity, title)
   * @param id - the target's `Id` within the rule, e.g. `dingtalk-1`
   */
  render(message: AlertMessage, id: string): RosRule.TargetsProperty;
}

/** EventBridge target types. */
const TARGET_TYPES = {
  dingtalk: 'acs.dingtalk',
  webhook: 'https',
  email: 'acs.mail',
  sms: 'acs.sms',
  'mns-queue': 'acs.mns.queue',
} as const;

const EMAIL_PATTERN = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const PHONE_PATTERN = /^\+?\d{5,20}$/;
const SMS_TEMPLATE_CODE_PATTERN = /^SMS_\d{1,20}$/;
const MNS_QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,255}$/;
/** A path segment long and random enough to be a token: 20 or more of [A-Za-z0-9_-]. */
const TOKEN_LIKE_SEGMENT = /^[A-Za-z0-9_-]{20,}$/;
/** Most recipients of one email or SMS target. */
const MAX_RECIPIENTS = 100;

/**
 * Where a real-time alert goes: a person-facing EventBridge target. Every
 * target gets the same message (`AuditAlerts` docs): detection, account,
 * region, event, who, source IP and time.
 *
 * Secrets (a robot URL with its token, a signing secret, a webhook token) are
 * `AlertSecret`s, read from NoEcho template parameters; plain strings are
 * refused.
 */
export class AlertTarget {
  /** A DingTalk group robot (`acs.dingtalk`): a text message. */
  public static dingTalk(options: DingTalkTargetOptions): AlertTarget {
    return new AlertTarget('dingtalk', options);
  }

  /** An HTTPS webhook (`https`): a JSON body, optionally with a token header. */
  public static webhook(options: WebhookTargetOptions): AlertTarget {
    return new AlertTarget('webhook', options);
  }

  /** Email through DirectMail (`acs.mail`), in the alerts' account and region. */
  public static email(options: EmailTargetOptions): AlertTarget {
    return new AlertTarget('email', options);
  }

  /** A text message through Short Message Service (`acs.sms`) with an approved template. */
  public static sms(options: SmsTargetOptions): AlertTarget {
    return new AlertTarget('sms', options);
  }

  /** A Simple Message Queue (MNS) queue (`acs.mns.queue`): a JSON message, for tools that read a queue. */
  public static mnsQueue(options: MnsQueueTargetOptions): AlertTarget {
    return new AlertTarget('mns-queue', options);
  }

  /** The target's kind. */
  public readonly kind: AlertTargetKind;
  private readonly options: unknown;

  private constructor(kind: AlertTargetKind, options: unknown) {
    this.kind = kind;
    this.options = options;
  }

  /**
   * Checks the options and binds the secrets to `scope`'s stack; fails through
   * `v.fail`, naming `property` (e.g. `targets[0]`), never printing a secret.
   * @internal
   */
  public _bind(v: TargetValidator, scope: ros.IConstruct, property: string): BoundAlertTarget {
    const o = this.options;
    if (typeof o !== 'object' || o === null) v.fail(property, `options are ${quote(o)}: pass an options object`);
    const stack = ros.Stack.of(scope);
    const secrets: string[] = [];
    const secret = (key: string, required: boolean, what: string): string | undefined => {
      const value = (o as Record<string, unknown>)[key];
      if (value === undefined && !required) return undefined;
      if (value === undefined) v.fail(`${property}.${key}`, `is required: ${what}`);
      if (!(value instanceof AlertSecret)) {
        const shown = typeof value === 'string' ? 'a plain string (its value is not shown)' : quote(typeof value);
        v.fail(
          `${property}.${key}`,
          `is ${shown}: ${what} is a secret and must come from a NoEcho template parameter, never a string in code or the template. Pass AlertSecret.parameter('<ParameterName>') and give the value at deploy time`,
        );
      }
      const bound = value._bind(scope);
      if (typeof bound === 'string') v.fail(`${property}.${key}`, bound);
      secrets.push(bound.parameterName);
      return bound.value;
    };
    // Strings go through the shared checks (tokens pass); a value of another type fails with the same rule.
    const checks = validatorOver(v, scope);
    const oneString = (at: string, value: unknown, pattern: RegExp, rule: string): string => {
      if (typeof value !== 'string') v.fail(at, `${quote(value)} ${rule}`);
      return checks.check(at, value, patternRule(pattern, rule));
    };
    const text = (key: string, pattern: RegExp, rule: string): string =>
      oneString(`${property}.${key}`, (o as Record<string, unknown>)[key], pattern, rule);
    const list = (key: string, pattern: RegExp, rule: string): string[] => {
      const value = (o as Record<string, unknown>)[key];
      if (!Array.isArray(value) || value.length < 1 || value.length > MAX_RECIPIENTS) {
        v.fail(`${property}.${key}`, `${quote(value)} must list 1 to ${MAX_RECIPIENTS} values`);
      }
      return value.map((item, i) => oneString(`${property}.${key}[${i}]`, item, pattern, rule));
    };
    const base = (id: string, endpoint: string, paramList: RosRule.ParamListProperty[]): RosRule.TargetsProperty => ({
      identity: id,
      type: TARGET_TYPES[this.kind],
      endpoint,
      paramList,
      pushRetryStrategy: 'BACKOFF_RETRY',
    });

    switch (this.kind) {
      case 'dingtalk': {
        const url = secret('robotUrl', true, "the robot's URL (it carries the access token)") as string;
        const key = secret('signingSecret', false, "the robot's signing secret") ?? '';
        return {
          kind: this.kind,
          secretParameters: secrets,
          render: (message, id) =>
            base(id, url, [
              { resourceKey: 'URL', form: 'CONSTANT', value: url },
              { resourceKey: 'SecretKey', form: 'CONSTANT', value: key },
              {
                resourceKey: 'Body',
                form: 'TEMPLATE',
                value: messageVariables(),
                template: JSON.stringify({ msgtype: 'text', text: { content: messageText(message) } }),
              },
            ]),
        };
      }
      case 'webhook': {
        const raw = (o as Record<string, unknown>).url;
        let url: string;
        if (raw instanceof AlertSecret) {
          url = secret('url', true, 'the webhook URL') as string;
        } else {
          url = checkWebhookUrl(v, `${property}.url`, raw);
        }
        const token = secret('token', false, 'the webhook token');
        return {
          kind: this.kind,
          secretParameters: secrets,
          render: (message, id) =>
            base(id, url, [
              { resourceKey: 'url', form: 'CONSTANT', value: url },
              { resourceKey: 'Network', form: 'CONSTANT', value: 'PublicNetwork' },
              { resourceKey: 'Body', form: 'TEMPLATE', value: messageVariables(), template: messageJson(message) },
              ...(token !== undefined ? [{ resourceKey: 'Token', form: 'CONSTANT', value: token }] : []),
            ]),
        };
      }
      case 'email': {
        const sender = text('senderAddress', EMAIL_PATTERN, 'must be an email address (a DirectMail sender address)');
        const to = list('toAddresses', EMAIL_PATTERN, 'must be an email address');
        const endpoint = `acs:mail:${stack.region}:${stack.account}`;
        return {
          kind: this.kind,
          secretParameters: secrets,
          render: (message, id) =>
            base(id, endpoint, [
              { resourceKey: 'Subject', form: 'CONSTANT', value: `[ActionTrail alert] ${message.detection}` },
              { resourceKey: 'AccountName', form: 'CONSTANT', value: sender },
              { resourceKey: 'AddressType', form: 'CONSTANT', value: '1' },
              { resourceKey: 'ReplyToAddress', form: 'CONSTANT', value: 'false' },
              { resourceKey: 'ToAddress', form: 'CONSTANT', value: to.join(',') },
              { resourceKey: 'IsHtmlBody', form: 'CONSTANT', value: 'false' },
              { resourceKey: 'Body', form: 'TEMPLATE', value: messageVariables(), template: messageText(message) },
            ]),
        };
      }
      case 'sms': {
        const phones = list('phoneNumbers', PHONE_PATTERN, 'must be a mobile number: digits, an optional leading +');
        const signName = text('signName', /^\S.{0,63}$/, 'must be an approved SMS signature name (1-64 characters)');
        const templateCode = text(
          'templateCode',
          SMS_TEMPLATE_CODE_PATTERN,
          "must be an SMS template code, 'SMS_<digits>'",
        );
        const endpoint = `acs:sms:${stack.region}:${stack.account}`;
        return {
          kind: this.kind,
          secretParameters: secrets,
          render: (message, id) =>
            base(id, endpoint, [
              { resourceKey: 'PhoneNumbers', form: 'CONSTANT', value: phones.join(',') },
              { resourceKey: 'SignName', form: 'CONSTANT', value: signName },
              { resourceKey: 'TemplateCode', form: 'CONSTANT', value: templateCode },
              {
                resourceKey: 'TemplateParam',
                form: 'TEMPLATE',
                value: messageVariables(),
                template: messageJson(message),
              },
            ]),
        };
      }
      case 'mns-queue': {
        const queue = text(
          'queueName',
          MNS_QUEUE_NAME_PATTERN,
          'must be an MNS queue name: a letter or digit first, then letters, digits and -, at most 256',
        );
        const endpoint = `acs:mns:${stack.region}:${stack.account}:queues/${queue}`;
        return {
          kind: this.kind,
          secretParameters: secrets,
          render: (message, id) =>
            base(id, endpoint, [
              { resourceKey: 'queue', form: 'CONSTANT', value: queue },
              { resourceKey: 'Body', form: 'TEMPLATE', value: messageVariables(), template: messageJson(message) },
            ]),
        };
      }
    }
  }
}

/** How a target reports bad options: the construct's validator (`fail` throws, naming the construct). */
export interface TargetValidator {
  /** Throws for `property`, with the message (value, rule and fix). */
  fail(property: string, message: string): never;
}

/**
 * Whether a path segment looks like a token: 20 or more of `[A-Za-z0-9_-]`
 * that mix letters and digits, or upper and lower case letters with no `-` or
 * `_` (a word list such as `actiontrail-alerts-receiver` does not).
 */
function isTokenLikePathSegment(segment: string): boolean {
  if (!TOKEN_LIKE_SEGMENT.test(segment)) return false;
  const letters = /[A-Za-z]/.test(segment);
  const digits = /[0-9]/.test(segment);
  const mixedCase = /[a-z]/.test(segment) && /[A-Z]/.test(segment) && !/[-_]/.test(segment);
  return (letters && digits) || mixedCase;
}

/**
 * Checks a literal webhook URL: https, and nothing in it that may be a
 * credential (user info, a query string or fragment, a Slack incoming
 * webhook's path, a token-like path segment). Errors show only the scheme
 * and host.
 */
function checkWebhookUrl(v: TargetValidator, property: string, value: unknown): string {
  if (typeof value !== 'string') {
    v.fail(property, `${quote(value)} must be an https:// URL or an AlertSecret holding one`);
  }
  if (ros.Token.isUnresolved(value)) {
    v.fail(
      property,
      'is a token: pass a literal https:// URL, or AlertSecret.parameter(...) for a URL known at deploy time',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return v.fail(property, 'is not a URL (its value is not shown): pass an https:// URL');
  }
  const shown = `'${parsed.protocol}//${parsed.host}/...'`;
  if (parsed.protocol !== 'https:') {
    v.fail(
      property,
      `${shown} is not HTTPS: alerts carry who did what, so they go over https:// only. Use the receiver's https:// URL`,
    );
  }
  const segments = parsed.pathname.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const reason =
    parsed.username !== '' || parsed.password !== ''
      ? 'user info'
      : parsed.search !== '' || value.includes('?')
        ? 'a query string'
        : parsed.hash !== '' || value.includes('#')
          ? 'a fragment'
          : parsed.hostname.toLowerCase() === 'hooks.slack.com' && segments[1] === 'services'
            ? "a Slack incoming webhook's secret path"
            : segments.some(isTokenLikePathSegment)
              ? 'a path segment that looks like a token (20 or more letters, digits, _ and -)'
              : undefined;
  if (reason !== undefined) {
    v.fail(
      property,
      `${shown} may carry a credential (${reason}; not shown): a literal webhook URL must have no user info, query string or fragment and no token-like path, because the template stands in cdk.out and in ROS. ` +
        "Pass the whole URL as a NoEcho parameter, url: AlertSecret.parameter('WebhookUrl'), and give it at deploy time (a token the receiver checks can go in token: AlertSecret.parameter(...))",
    );
  }
  return value;
}
