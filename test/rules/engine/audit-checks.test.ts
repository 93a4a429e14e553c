import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import {
  APP_RULES,
  AUDIT_RULES,
  CHECKED_APP_RULES,
  AuditChecks,
  AuditLevel,
  AuditResource,
  EventRW,
  RosProject,
  trailAllRegions,
  TrailRegion,
  trailRegionKnown,
  ValidationError,
} from '../../../lib';
import { reportUncheckedWarnings } from '../../../lib/shared/markers';
import { singleAccountAudit } from '../../../examples/single-account';
import { check, compliantTrail, findingsOf } from '../../support/audit-checks';
import { newApp, newStack } from '../../support/template';

describe('AuditChecks engine', () => {
  test('the single-account example is compliant; the report is written next to the templates', () => {
    const app = newApp();
    singleAccountAudit(app);
    const result = check(app);
    expect(result.error).toBeUndefined();
    // Its one finding: a delivery-only example has no tamper detection (examples/app.ts suppresses it).
    const tamper = {
      ruleId: 'AT-ALERT-001',
      level: AuditLevel.WARNING,
      path: 'SingleAccountAudit/AuditTrail/AuditTrail',
      logicalId: 'AuditTrail',
      resourceType: 'Custom::ActionTrailTrail',
      message: expect.stringContaining("the trail's account is known only at deploy time"),
      fix: expect.stringContaining('Add AuditAlerts (actiontrail-cdk/alerts) with AT-DETECT-TAMPER beside the trail'),
      anchors: [],
      suppressed: false,
    };
    expect(result.findings).toEqual([tamper]);
    expect(result.report.summary).toEqual({ errors: 0, warnings: 1, info: 0, suppressed: 0 });
    expect(result.report.stacks).toEqual([
      {
        stackName: 'SingleAccountAudit',
        templateFile: 'SingleAccountAudit.template.json',
        resourcesChecked: 4,
        findings: [tamper],
      },
    ]);
    const checks = AuditChecks.of(app);
    expect(checks.reportPath).toBe(path.join(app.outdir, 'audit-checks.json'));
    const written = fs.readFileSync(checks.reportPath!, 'utf8');
    expect(written).toBe(`${JSON.stringify(result.report, undefined, 2)}\n`);
    expect(fs.existsSync(path.join(app.outdir, 'SingleAccountAudit.template.json'))).toBe(true);
  });

  test('the report lists every rule, sorted, with its level, title and anchors', () => {
    const result = check(newStack());
    expect(result.report.version).toBe(1);
    expect(result.report.rules.map((r) => r.id)).toEqual([
      'AT-ALERT-001',
      'AT-POLICY-001',
      'AT-ROLE-001',
      'AT-ROLE-002',
      'AT-ROLE-003',
      'AT-STORAGE-001',
      'AT-STORAGE-002',
      'AT-STORAGE-003',
      'AT-TRAIL-001',
      'AT-TRAIL-002',
      'AT-TRAIL-003',
      'AT-TRAIL-004',
      'AT-TRAIL-005',
      'AT-TRAIL-006',
      'AT-TRAIL-007',
      'AT-TRAIL-008',
      'AT-TRAIL-009',
      'AT-TRAIL-010',
      'AT-TRAIL-011',
      'AT-TRAIL-012',
    ]);
    expect(result.report.rules).toEqual(
      [...AUDIT_RULES, ...APP_RULES, ...CHECKED_APP_RULES]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => ({ id: r.id, level: r.level, title: r.title, anchors: r.anchors })),
    );
  });

  test('the report is deterministic: same app, same bytes (no timestamps, no absolute paths)', () => {
    const build = (): string => {
      const stack = newStack();
      compliantTrail(stack, {
        trailName: 'audit-all',
        eventRW: EventRW.READ,
        trailRegion: TrailRegion.of('cn-hangzhou'),
      });
      new RosProject(stack, 'Scratch', { name: 'actiontrail_scratch' });
      check(stack);
      return fs.readFileSync(AuditChecks.of(stack).reportPath!, 'utf8');
    };
    const first = build();
    expect(build()).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T|\/tmp\//);
  });

  test('findings are sorted by path, rule ID and message; stacks by name', () => {
    const app = newApp();
    const b = new ros.Stack(app, 'B', { env: { region: 'cn-hangzhou' } });
    const a = new ros.Stack(app, 'A', { env: { region: 'cn-hangzhou' } });
    compliantTrail(b, { trailName: 'audit-all', eventRW: EventRW.WRITE, trailRegion: TrailRegion.of('cn-beijing') });
    new RosProject(a, 'Zed', { name: 'actiontrail_zed' });
    new RosProject(a, 'Alpha', { name: 'actiontrail_alpha' });
    const result = check(app);
    expect(result.report.stacks.map((s) => s.stackName)).toEqual(['A', 'B']);
    expect(result.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual([
      'A/Alpha AT-STORAGE-001',
      'A/Alpha AT-STORAGE-002',
      'A/Zed AT-STORAGE-001',
      'A/Zed AT-STORAGE-002',
      'B/AuditTrail/AuditTrail AT-TRAIL-001',
      'B/AuditTrail/AuditTrail AT-TRAIL-002',
      'B/AuditTrail/AuditTrail AT-TRAIL-005',
    ]);
  });

  test('errors fail synth with one line per error; the report is still written', () => {
    const stack = newStack();
    compliantTrail(stack, { eventRW: EventRW.READ, logging: false });
    const result = check(stack);
    expect(result.error).toBe(
      [
        'Validation failed with the following errors:',
        "  [AuditChecks] AT-TRAIL-002 at 'Audit/AuditTrail/AuditTrail': Parameters.EventRW is 'Read', not 'All': write events are not recorded. Fix: Set eventRW: EventRW.ALL on the Trail (its default), or Parameters.EventRW to 'All'",
        "  [AuditChecks] AT-TRAIL-003 at 'Audit/AuditTrail/AuditTrail': the trail is not logging: Parameters.Logging is false. Fix: Set logging: true on the Trail (its default), or Parameters.Logging to true",
      ].join('\n'),
    );
    const written = JSON.parse(fs.readFileSync(AuditChecks.of(stack).reportPath!, 'utf8'));
    expect(written.summary).toEqual({ errors: 2, warnings: 0, info: 0, suppressed: 0 });
  });

  test('only the checked scope is checked; checking a stack and its app checks each resource once', () => {
    const app = newApp();
    const checked = new ros.Stack(app, 'Checked');
    const unchecked = new ros.Stack(app, 'Unchecked');
    new RosProject(checked, 'Project', { name: 'actiontrail_checked' });
    new RosProject(unchecked, 'Project', { name: 'actiontrail_unchecked' });
    const checks = AuditChecks.of(checked);
    expect(AuditChecks.of(checked)).toBe(checks);
    expect(check(checked).findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual([
      'Checked/Project AT-STORAGE-001',
      'Checked/Project AT-STORAGE-002',
    ]);

    const app2 = newApp();
    const stack2 = new ros.Stack(app2, 'Both');
    new RosProject(stack2, 'Project', { name: 'actiontrail_both' });
    expect(AuditChecks.of(stack2)).toBe(AuditChecks.of(app2));
    expect(check(app2).findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual([
      'Both/Project AT-STORAGE-001',
      'Both/Project AT-STORAGE-002',
    ]);
  });

  test('options: reportFileName, writeReport; a later call with other options fails', () => {
    const app = newApp();
    new ros.Stack(app, 'Empty');
    const checks = AuditChecks.of(app, { reportFileName: 'checks.json' });
    expect(() => AuditChecks.of(app, { reportFileName: 'other.json' })).toThrow(
      "AuditChecks 'AuditChecks': reportFileName 'other.json' differs from 'checks.json', given when this app's AuditChecks was made: pass options on the first AuditChecks.of() only",
    );
    app.synth();
    expect(checks.reportPath).toBe(path.join(app.outdir, 'checks.json'));
    expect(fs.existsSync(path.join(app.outdir, 'audit-checks.json'))).toBe(false);

    const quiet = newApp();
    new ros.Stack(quiet, 'Empty');
    const silent = AuditChecks.of(quiet, { writeReport: false });
    quiet.synth();
    expect(silent.report).toBeDefined();
    expect(silent.reportPath).toBeUndefined();
    expect(fs.existsSync(path.join(quiet.outdir, 'audit-checks.json'))).toBe(false);

    expect(() => AuditChecks.of(newApp(), { reportFileName: '../escape.json' })).toThrow(ValidationError);

    const taken = newApp();
    new ros.Stack(taken, 'AuditChecks');
    expect(() => AuditChecks.of(taken)).toThrow(
      "AuditChecks needs the construct id 'AuditChecks' under '(the app)', where another construct has it: rename that construct",
    );
  });

  test('rules see the rendered template: property overrides count', () => {
    const stack = newStack();
    const trail = compliantTrail(stack);
    trail.resource.addPropertyOverride('Parameters.EventRW', 'Read');
    expect(findingsOf(check(stack), 'AT-TRAIL-002').map((f) => f.message)).toEqual([
      "Parameters.EventRW is 'Read', not 'All': write events are not recorded",
    ]);
  });

  test("templates embedded in a stack group's TemplateBody are checked; suppressions on the stack group apply", () => {
    const stack = newStack();
    const group = new ros.RosResource(stack, 'Members', {
      type: 'ALIYUN::ROS::StackGroup',
      properties: {
        StackGroupName: 'members',
        TemplateBody: {
          ROSTemplateFormatVersion: '2015-09-01',
          Resources: {
            MemberTrail: {
              Type: 'Custom::ActionTrailTrail',
              Properties: {
                ServiceToken: 'x',
                Parameters: {
                  Name: 'member-trail',
                  EventRW: 'Write',
                  TrailRegion: 'All',
                  MaxComputeProjectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_x',
                },
              },
            },
            Helper: {
              Type: 'ALIYUN::RAM::Role',
              Properties: {
                RoleName: 'h',
                AssumeRolePolicyDocument: {
                  Version: '1',
                  Statement: [
                    { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } },
                  ],
                },
              },
            },
          },
        },
      },
    });
    AuditChecks.suppress(group, 'AT-TRAIL-005', 'member trail name is fixed by the security team');
    const result = check(stack);
    expect(result.report.stacks.map((s) => [s.stackName, s.templateFile, s.embeddedAt, s.resourcesChecked])).toEqual([
      ['Audit', 'Audit.template.json', undefined, 1],
      ['Audit/Members', 'Audit.template.json', '/Resources/Members/Properties/TemplateBody', 2],
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.path, f.logicalId, f.suppressed])).toEqual([
      // The member template's accounts are not declared: no alert outside it can cover its trail.
      ['AT-ALERT-001', 'Audit/Members/TemplateBody/MemberTrail', 'MemberTrail', false],
      ['AT-TRAIL-002', 'Audit/Members/TemplateBody/MemberTrail', 'MemberTrail', false],
      ['AT-TRAIL-005', 'Audit/Members/TemplateBody/MemberTrail', 'MemberTrail', true],
    ]);
    expect(result.error).toContain("AT-TRAIL-002 at 'Audit/Members/TemplateBody/MemberTrail'");
  });

  test('rules are pure functions over one rendered resource', () => {
    const resource = (parameters: Record<string, unknown>): AuditResource => ({
      type: 'Custom::ActionTrailTrail',
      logicalId: 'T',
      path: 'S/T',
      properties: { Parameters: parameters },
      trustedAccounts: [],
    });
    const stack = { stackName: 'S', account: '1234567890123456', resources: [] };
    expect(trailAllRegions.check(resource({ TrailRegion: 'All' }), stack)).toEqual([]);
    expect(trailAllRegions.check(resource({ TrailRegion: 'cn-hangzhou' }), stack)).toEqual([
      {
        message: "Parameters.TrailRegion is 'cn-hangzhou', not 'All': events of other regions are not recorded",
        fix: "Set trailRegion: TrailRegion.ALL on the Trail (its default), or Parameters.TrailRegion to 'All'",
      },
    ]);
  });

  test('every rule has a unique well-formed ID, a level, a title and anchors', () => {
    const ids = [...AUDIT_RULES, ...APP_RULES, ...CHECKED_APP_RULES].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of [...AUDIT_RULES, ...APP_RULES, ...CHECKED_APP_RULES]) {
      expect(rule.id).toMatch(/^AT-[A-Z]+-\d{3}$/);
      expect(Object.values(AuditLevel)).toContain(rule.level);
      expect(rule.title.length).toBeGreaterThan(10);
      if ('resourceTypes' in rule) expect(rule.resourceTypes.length).toBeGreaterThan(0);
      for (const anchor of rule.anchors)
        expect(anchor).toMatch(/^(checkov|kics|prowler|cloudconfig|cis-alibaba|infraguard):\S+$/);
    }
  });
});

describe('docs/rules.md', () => {
  test('the rules section lists every rule with its level and anchors', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    const start = readme.indexOf('## The rules');
    expect(start).toBeGreaterThanOrEqual(0);
    const next = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, next < 0 ? undefined : next);
    for (const rule of [...AUDIT_RULES, ...APP_RULES, ...CHECKED_APP_RULES]) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${rule.id}\``));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${rule.level} |`);
      for (const anchor of rule.anchors) expect(row).toContain(anchor);
    }
  });
});

describe('warnings of resources no AuditChecks checks (one path: the rules)', () => {
  test("a Trail's unchecked warnings are its rules' violations, annotated as AuditChecks annotates them", () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'xx-nowhere-9' } });
    const trail = compliantTrail(stack, { trailRegion: TrailRegion.of('xx-nowhere-8') });
    const messages = (stack.node.root as ros.App)
      .synth()
      .getStackByName('Audit')
      .messages.map((m) => m.entry.data);
    const rendered = stack.resolve(trail.resource._toRosTemplate()).Resources.AuditTrail;
    const view: AuditResource = {
      type: rendered.Type,
      logicalId: 'AuditTrail',
      path: trail.resource.node.path,
      properties: rendered.Properties,
      trustedAccounts: [],
    };
    const violations = trailRegionKnown.check(view, {
      stackName: 'Audit',
      account: '{"Ref":"ALIYUN::AccountId"}',
      region: 'xx-nowhere-9',
      resources: [view],
    });
    expect(violations).toHaveLength(2);
    expect(messages).toEqual(violations.map((v) => `[AT-TRAIL-007] ${v.message}. Fix: ${v.fix}`));
  });

  test('the engine ignores anything that is not a ROS resource, and resources AuditChecks checks', () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'xx-nowhere-9' } });
    const trail = compliantTrail(stack);
    expect(() => reportUncheckedWarnings(trail)).not.toThrow();
    expect(() => reportUncheckedWarnings(undefined as never)).not.toThrow();
    AuditChecks.of(stack);
    reportUncheckedWarnings(trail.resource);
    expect(trail.resource.node.metadata.filter((m) => m.type === 'aliyun:ros:warning')).toEqual([]);
  });
});

describe('the trail and the provider are rendered once per synth, where ros-cdk-core renders a resource twice', () => {
  afterEach(() => jest.restoreAllMocks());

  /** How often ros-cdk-core's own render (`RosResource._toRosTemplate`) ran for `resource`. */
  function countRenders(resource: ros.RosResource): () => number {
    const spy = jest.spyOn(ros.RosResource.prototype, '_toRosTemplate');
    return () => spy.mock.contexts.filter((c) => c === resource).length;
  }

  /** A resource no rule reads: how often ros-cdk-core itself renders a resource (references, template). */
  function plainResource(stack: ros.Stack): ros.RosResource {
    return new ros.RosResource(stack, 'Plain', { type: 'ALIYUN::ECS::VPC', properties: { CidrBlock: '10.0.0.0/8' } });
  }

  test('without AuditChecks: one render of the trail serves the reference scan, the rules and the template', () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'xx-nowhere-9' } });
    const trail = compliantTrail(stack, { trailRegion: TrailRegion.of('xx-nowhere-8') });
    const plain = plainResource(stack);
    const trailRenders = countRenders(trail.resource);
    const roleRenders = countRenders(trail.provider.role);
    const plainRenders = countRenders(plain);
    const assembly = (stack.node.root as ros.App).synth();
    const messages = assembly.getStackByName('Audit').messages.map((m) => m.entry.data);
    expect(messages.filter((m) => String(m).startsWith('[AT-TRAIL-007]'))).toHaveLength(2);
    // ros-cdk-core renders a plain resource for its reference scan and again for the template.
    expect(plainRenders()).toBe(2);
    expect(trailRenders()).toBe(1);
    expect(roleRenders()).toBe(1);
    // What the template holds is a fresh render's value.
    const template = assembly.getStackByName('Audit').template as { Resources: Record<string, unknown> };
    expect(template.Resources.AuditTrail).toEqual(
      (stack.resolve(trail.resource._toRosTemplate()) as { Resources: Record<string, unknown> }).Resources.AuditTrail,
    );
  });

  test('under AuditChecks, its rules and the app-wide rules share the one render of the trail', () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'cn-hangzhou' } });
    const trail = compliantTrail(stack);
    AuditChecks.of(stack);
    const trailRenders = countRenders(trail.resource);
    const plainRenders = countRenders(plainResource(stack));
    (stack.node.root as ros.App).synth();
    // AuditChecks renders the plain resource too (a third time); the trail is rendered once.
    expect(plainRenders()).toBe(3);
    expect(trailRenders()).toBe(1);
  });

  test("once synthesis is over, a render by hand sees later changes: the rules' render is not kept", async () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'cn-hangzhou' } });
    const trail = compliantTrail(stack);
    (stack.node.root as ros.App).synth();
    await Promise.resolve();
    trail.resource.addPropertyOverride('Timeout', 123);
    const fragment = stack.resolve(trail.resource._toRosTemplate()) as {
      Resources: Record<string, { Properties: { Timeout: number } }>;
    };
    expect(fragment.Resources.AuditTrail.Properties.Timeout).toBe(123);
  });
});

describe('AuditChecks.of after app.synth()', () => {
  test('throws, saying how to order the calls', () => {
    const stack = newStack();
    const app = stack.node.root as ros.App;
    app.synth();
    expect(() => AuditChecks.of(app)).toThrow(
      "AuditChecks.of('(the app)') was called after app.synth(): the app has synthesized and will not again, so no check would run. " +
        'Call AuditChecks.of(...) after defining the stacks and before app.synth(): new ros.App(); <stacks>; AuditChecks.of(app); app.synth();',
    );
    expect(() => AuditChecks.of(stack)).toThrow(/^AuditChecks\.of\('Audit'\) was called after app\.synth\(\)/);
  });
});
