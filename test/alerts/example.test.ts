/**
 * The synthesized alerts example (examples/alerts.ts): its EventBridge rules
 * sit on `default` within the documented limits and catch every tamper and CIS
 * write event as an API call and as a console operation, and no read event or
 * unrelated write; its SLS alerts cover every CIS item 2.10-2.22; no secret
 * stands in the cloud assembly.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { alertsAudit } from '../../examples/alerts';
import { DETECTIONS, detectionForCisItem, type WriteDetection } from '../../lib/shared/detections';
import {
  alertMetadataOf,
  DEFAULT_EVENT_BUS,
  EVENT_BRIDGE_LIMITS,
  EVENT_BRIDGE_RULE_TYPE,
  sampleEvent,
  samplesFor,
} from '../../lib/shared/event-patterns';
import { eventMatchesPattern } from '../support/event-pattern';
import { passingChecks, PROWLER_ALERT_CHECK_NAMES, prowlerAlertChecks } from '../support/prowler';
import { tempDir } from '../support/temp';

const outdir = tempDir('actiontrail-cdk-alerts-example-');
const app = new ros.App({ outdir, stackTraces: false });
const stack = alertsAudit(app);
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template as {
  Parameters: Record<string, { NoEcho?: boolean; Default?: unknown }>;
  Resources: Record<string, { Type: string; Properties: any; Metadata?: unknown }>;
};
const resources = Object.entries(template.Resources);
const rules = resources.filter(([, r]) => r.Type === EVENT_BRIDGE_RULE_TYPE);
const slsAlerts = resources.filter(([, r]) => r.Type === 'ALIYUN::SLS::Alert');
const writeDetections = DETECTIONS.filter((d): d is WriteDetection => d.tier === 'write');

test('every rule is on the default bus, enabled, within the pattern, target and bus limits', () => {
  expect(rules.length).toBeGreaterThan(0);
  expect(rules.length).toBeLessThanOrEqual(EVENT_BRIDGE_LIMITS.rulesPerBus);
  const names = new Set<string>();
  for (const [id, rule] of rules) {
    const p = rule.Properties;
    expect({ id, bus: p.EventBusName, status: p.Status }).toEqual({ id, bus: DEFAULT_EVENT_BUS, status: 'ENABLE' });
    expect(p.Targets.length).toBeGreaterThanOrEqual(1);
    expect(p.Targets.length).toBeLessThanOrEqual(EVENT_BRIDGE_LIMITS.targetsPerRule);
    expect(new Set(p.Targets.map((t: any) => t.Id)).size).toBe(p.Targets.length);
    for (const values of [p.FilterPattern.type, p.FilterPattern.data.eventName]) {
      expect(values.length).toBeLessThanOrEqual(EVENT_BRIDGE_LIMITS.valuesPerPatternField);
    }
    // EventBridge rule names: at most 127 letters, digits and '-', a letter or digit first.
    expect(p.RuleName).toMatch(/^[A-Za-z0-9][A-Za-z0-9-]{0,126}$/);
    expect(names.has(p.RuleName)).toBe(false);
    names.add(p.RuleName);
  }
});

test('every rule says which detection and which event names it serves, and they are its pattern', () => {
  for (const [id, rule] of rules) {
    const metadata = alertMetadataOf(rule);
    expect({ id, detection: metadata?.detection }).toEqual({ id, detection: expect.stringMatching(/^AT-DETECT-/) });
    expect(metadata?.eventNames).toEqual(rule.Properties.FilterPattern.data.eventName);
  }
});

test.each(writeDetections.map((d) => [d.id, d] as const))(
  '%s: every listed event matches as ApiCall and ConsoleOperation; reads, unrelated writes and service events do not',
  (_id, detection) => {
    const own = rules.filter(([, r]) => alertMetadataOf(r)?.detection === detection.id);
    expect(own.length).toBeGreaterThan(0);
    const { match, noMatch } = samplesFor(detection);
    expect(match).toHaveLength(detection.eventNames.length * 2);
    for (const event of match) {
      const hits = own.filter(([, r]) => eventMatchesPattern(r.Properties.FilterPattern, event));
      expect({ event: (event.data as any).eventName, type: event.type, hits: hits.length }).toEqual({
        event: (event.data as any).eventName,
        type: event.type,
        hits: 1,
      });
    }
    for (const event of noMatch) {
      const hits = rules.filter(([, r]) => eventMatchesPattern(r.Properties.FilterPattern, event)).map(([id]) => id);
      expect({ event: event.type, hits }).toEqual({ event: event.type, hits: [] });
    }
  },
);

test('writes no detection lists and reads of listed names match no rule; another eventRW spelling still does', () => {
  const events = [
    sampleEvent('StopLogging', 'ApiCall', 'Actiontrail', 'Read'),
    sampleEvent('DeleteRule', 'ConsoleOperation', 'EventBridge', 'Read'),
    sampleEvent('DescribeSecurityGroups', 'ApiCall', 'Ecs', 'Read'),
    sampleEvent('RunInstances', 'ApiCall', 'Ecs', 'Write'),
    sampleEvent('CreateTrail', 'ConsoleOperation', 'Actiontrail', 'Write'),
  ];
  for (const event of events) {
    expect(rules.filter(([, r]) => eventMatchesPattern(r.Properties.FilterPattern, event))).toEqual([]);
  }
  const write = sampleEvent('StopLogging', 'ApiCall', 'Actiontrail', 'Write') as { data: Record<string, unknown> };
  const otherSpelling = { ...write, data: { ...write.data, eventRW: 'WRITE' } };
  expect(rules.filter(([, r]) => eventMatchesPattern(r.Properties.FilterPattern, otherSpelling))).toHaveLength(1);
});

test('the SLS alerts cover every CIS item from 2.10 to 2.22, over actiontrail_<trail> in the trail SLS project', () => {
  const items = Array.from({ length: 13 }, (_, i) => `2.${10 + i}`);
  for (const item of items) {
    const detection = detectionForCisItem(item);
    expect({ item, detection: detection?.id }).toEqual({ item, detection: expect.any(String) });
    const alert = slsAlerts.find(([, r]) => alertMetadataOf(r)?.detection === detection!.id);
    expect({ item, alert: alert?.[0] }).toEqual({ item, alert: expect.any(String) });
    const { Project, Detail } = alert![1].Properties;
    expect(Project).toBe('example-audit-alerts');
    const [query] = Detail.Configuration.QueryList;
    expect(query).toMatchObject({
      Store: 'actiontrail_audit_alerted',
      StoreType: 'log',
      Project: 'example-audit-alerts',
    });
    expect(typeof query.Query).toBe('string');
    expect(Detail.Name).toMatch(/^[a-z0-9][a-z0-9-]{2,62}[a-z0-9]$/);
  }
  // Identity detections carry no event names; write detections their whole list.
  for (const [, alert] of slsAlerts) {
    const metadata = alertMetadataOf(alert)!;
    const detection = DETECTIONS.find((d) => d.id === metadata.detection)!;
    expect(metadata.eventNames).toEqual(detection.tier === 'write' ? detection.eventNames : undefined);
  }
});

test("Prowler's Alibaba Cloud CIS alert checks all pass on the example, as on an account deployed from it", () => {
  const results = prowlerAlertChecks({ 'AuditAlerts.template.json': template as any });
  expect(PROWLER_ALERT_CHECK_NAMES).toHaveLength(14);
  expect(passingChecks(results)).toEqual(PROWLER_ALERT_CHECK_NAMES);
});

test('the secrets are NoEcho parameters without a default, referenced by the targets', () => {
  for (const name of ['DingTalkRobotUrl', 'DingTalkSigningSecret', 'WebhookToken']) {
    expect(template.Parameters[name]).toMatchObject({ NoEcho: true, Type: 'String' });
    expect(template.Parameters[name].Default).toBeUndefined();
  }
  for (const [, rule] of rules) {
    const dingTalk = rule.Properties.Targets.find((t: any) => t.Type === 'acs.dingtalk');
    expect(dingTalk.Endpoint).toEqual({ Ref: 'DingTalkRobotUrl' });
    const param = (key: string) => dingTalk.ParamList.find((p: any) => p.ResourceKey === key).Value;
    expect(param('URL')).toEqual({ Ref: 'DingTalkRobotUrl' });
    expect(param('SecretKey')).toEqual({ Ref: 'DingTalkSigningSecret' });
    const webhook = rule.Properties.Targets.find((t: any) => t.Type === 'https');
    expect(webhook.Endpoint).toMatch(/^https:\/\//);
    expect(webhook.ParamList.find((p: any) => p.ResourceKey === 'Token').Value).toEqual({ Ref: 'WebhookToken' });
  }
});

test('the example writes no secret-looking literal anywhere in the cloud assembly (its secrets are NoEcho parameters)', () => {
  const files: string[] = [];
  const walk = (dir: string) =>
    fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else files.push(full);
    });
  walk(outdir);
  expect(files.some((f) => f.endsWith('manifest.json'))).toBe(true);
  const secretLooking = [
    /access_token=/i,
    /\bSEC[0-9a-f]{16,}/,
    /oapi\.dingtalk\.com/,
    /x-eventbridge-signature-token"\s*:\s*"/,
  ];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of secretLooking) {
      expect({ file: path.relative(outdir, file), pattern: String(pattern), found: pattern.test(text) }).toEqual({
        file: path.relative(outdir, file),
        pattern: String(pattern),
        found: false,
      });
    }
  }
});

test('each message names the detection, account, region, event, who, source IP and time', () => {
  const [, rule] = rules[0];
  for (const target of rule.Properties.Targets) {
    const body = target.ParamList.find((p: any) => p.Form === 'TEMPLATE');
    const variables = JSON.parse(body.Value);
    expect(variables).toMatchObject({
      account: '$.aliyunaccountid',
      region: '$.data.acsRegion',
      eventName: '$.data.eventName',
      userName: '$.data.userIdentity.userName',
      sourceIp: '$.data.sourceIpAddress',
      time: '$.data.eventTime',
    });
    for (const v of ['account', 'region', 'eventName', 'userName', 'identityType', 'sourceIp', 'time']) {
      expect(body.Template).toContain(`\${${v}}`);
    }
    expect(body.Template).toContain(alertMetadataOf(rule)!.detection);
  }
});
