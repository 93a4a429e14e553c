/**
 * `status` shows a trail's declared and live data event selectors
 * (GetDataEventSelector) and reports their differences as drift, with the
 * repair command and exit 1; `deploy` of the unchanged template repairs them.
 * Live selectors on a trail that declares none are information, and
 * AccessDenied is a could-not-check line naming the RAM action. On the
 * examples' real templates (scripts/synth.js), through the bin, against the
 * stand-in.
 */
import { documentedSchema, validate } from './json-schema';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { PROFILES, StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly, synthExamples } from './harness';
import { dataEventsDrift, formatSelector } from '../src/data-event-status';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const ACCOUNT = PROFILES.default.account;
const BUCKETS = 'acs:oss:*:*:example-evidence,acs:oss:*:*:example-evidence-trail';
const DECLARED = `    data events declared (regions All): Oss All resources ${BUCKETS}\n`;
const REPAIR = 'npx actiontrail-cdk deploy DataEventsAudit --exclusively';

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

beforeAll(() => {
  project = tempDir('atcdk-status-de-');
  synthExamples(path.join(project, 'cdk.out'));
  creds = tempHome();
});

async function deploy(run: StandInRun, stack: string): Promise<void> {
  const r = await run(['deploy', stack, '--app', 'cdk.out', '--yes', '--require-approval', 'never']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

const status = (run: StandInRun, stack: string, ...extra: string[]) =>
  run(['status', stack, '--app', 'cdk.out', ...extra]);

test('declared selectors are applied and shown with the live ones; changed by hand: drift, repair command, exit 1; deploy of the unchanged template puts them back', async () => {
  await withStandIn(async (standIn, run) => {
    await deploy(run, 'DataEventsAudit');
    const fresh = await status(run, 'DataEventsAudit');
    expect(fresh.stderr).toBe('');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain(
      '  trail audit_evidence: logging, status Enable, latest delivery 2026-11-29T21:00:00Z, latest delivery error none\n' +
        DECLARED +
        `    data events live (regions All): Oss All resources ${BUCKETS}\n`,
    );
    expect(fresh.stdout).not.toContain('drift');
    expect(standIn.calls('GetDataEventSelector').map((c) => c.params.TrailName)).toEqual(['audit_evidence']);

    const json = JSON.parse((await status(run, 'DataEventsAudit', '--json')).stdout);
    expect(json.ok).toBe(true);
    expect(validate(json, documentedSchema('status'))).toEqual([]);
    expect(json.stacks[0].trails[0].dataEvents).toEqual({
      state: 'in-sync',
      declared: {
        selectors: [
          {
            ServiceName: 'Oss',
            ReadWriteType: 'All',
            ResourceArn: { Equals: ['acs:oss:*:*:example-evidence', 'acs:oss:*:*:example-evidence-trail'] },
          },
        ],
        regions: 'All',
      },
      live: {
        selectors: [
          {
            ServiceName: 'Oss',
            ReadWriteType: 'All',
            ResourceArn: { Equals: ['acs:oss:*:*:example-evidence', 'acs:oss:*:*:example-evidence-trail'] },
          },
        ],
        regions: 'All',
      },
      drift: [],
      message: null,
    });

    // By hand: the selector narrowed to writes on one bucket, another service added, one region only.
    standIn.putDataEvents(
      ACCOUNT,
      'audit_evidence',
      [
        { ServiceName: 'Oss', ReadWriteType: 'Write', ResourceArn: { Equals: ['acs:oss:*:*:example-evidence'] } },
        { ServiceName: 'PDS', ReadWriteType: 'All' },
      ],
      ['cn-shanghai'],
    );
    const drifted = await status(run, 'DataEventsAudit');
    expect(drifted.code).toBe(1);
    const driftLine =
      `data event selector Oss is Write resources acs:oss:*:*:example-evidence, the template says All resources ${BUCKETS}; ` +
      'data event selector not in the template: PDS All; ' +
      'data event regions are cn-shanghai, the template says All';
    expect(drifted.stdout).toContain(
      DECLARED +
        '    data events live (regions cn-shanghai): Oss Write resources acs:oss:*:*:example-evidence | PDS All\n' +
        `    drift: ${driftLine}\n`,
    );
    expect(drifted.stdout).toContain(`  repair the drift: ${REPAIR}\n`);
    expect(drifted.stderr).toContain(`  trail 'audit_evidence' drifted: ${driftLine}\n`);
    expect(drifted.stderr).toContain(`  to repair the drift of DataEventsAudit: ${REPAIR}\n`);
    const driftedJson = JSON.parse((await status(run, 'DataEventsAudit', '--json')).stdout);
    expect(driftedJson.ok).toBe(false);
    expect(driftedJson.stacks[0].repair).toBe(REPAIR);
    expect(driftedJson.stacks[0].trails[0].dataEvents).toMatchObject({
      state: 'drifted',
      live: { regions: ['cn-shanghai'] },
      drift: driftLine.split('; '),
    });

    // Deleted by hand: every declared selector is missing.
    standIn.putDataEvents(ACCOUNT, 'audit_evidence', undefined);
    const deleted = await status(run, 'DataEventsAudit');
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toContain(
      DECLARED +
        '    data events live: none\n' +
        `    drift: data event selectors are none, the template says Oss All resources ${BUCKETS}\n`,
    );

    const repair = await run(['deploy', 'DataEventsAudit', '--exclusively', '--app', 'cdk.out', '--yes']);
    expect(repair.stderr).toBe('');
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(
      /DataEventsAudit: the template is unchanged, but trail audit_evidence: data event selectors are none, the template says Oss All resources .*: UpdateStack with ActionTrailCdkConverge=repair-\d+/,
    );
    expect(standIn.trailsOf(ACCOUNT).get('audit_evidence')!.dataEvents).toEqual({
      EventSelectors: JSON.stringify([
        {
          ServiceName: 'Oss',
          ReadWriteType: 'All',
          ResourceArn: { Equals: ['acs:oss:*:*:example-evidence', 'acs:oss:*:*:example-evidence-trail'] },
        },
      ]),
      IsTrailAllRegion: true,
    });
    const healthy = await status(run, 'DataEventsAudit');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain(DECLARED + `    data events live (regions All): Oss All resources ${BUCKETS}\n`);
    expect(healthy.stdout).not.toContain('drift');
  });
});

test('live selectors on a trail that declares none: shown as not managed by this template, no drift, exit 0; an Update keeps them', async () => {
  await withStandIn(async (standIn, run) => {
    await deploy(run, 'SlsOnlyAudit');
    const none = await status(run, 'SlsOnlyAudit');
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('data events');

    standIn.putDataEvents(ACCOUNT, 'audit_to_sls', [
      { ServiceName: 'Oss', ReadWriteType: 'Read', EventName: { NotEquals: ['GetObjectMeta'] } },
    ]);
    const info = await status(run, 'SlsOnlyAudit');
    expect(info.stderr).toBe('');
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(
      '    data events live (regions All), not managed by this template: Oss Read events not GetObjectMeta\n',
    );
    expect(info.stdout).not.toContain('drift');
    expect(info.stdout).not.toContain('data events declared');
    const json = JSON.parse((await status(run, 'SlsOnlyAudit', '--json')).stdout);
    expect(json.ok).toBe(true);
    expect(validate(json, documentedSchema('status'))).toEqual([]);
    expect(json.stacks[0].trails[0].drift).toEqual([]);
    expect(json.stacks[0].trails[0].dataEvents).toEqual({
      state: 'not-managed',
      declared: null,
      message: null,
      live: {
        selectors: [{ ServiceName: 'Oss', ReadWriteType: 'Read', EventName: { NotEquals: ['GetObjectMeta'] } }],
        regions: 'All',
      },
      drift: [],
    });

    // Stopped by hand, then repaired: the Update converges the trail and leaves its undeclared selectors.
    standIn.trailsOf(ACCOUNT).get('audit_to_sls')!.isLogging = false;
    expect((await run(['deploy', 'SlsOnlyAudit', '--exclusively', '--app', 'cdk.out', '--yes'])).code).toBe(0);
    const after = await status(run, 'SlsOnlyAudit');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('not managed by this template: Oss Read events not GetObjectMeta\n');
  });
});

test('AccessDenied on GetDataEventSelector: a could-not-check line naming actiontrail:GetDataEventSelector, exit unaffected; a trail without data events says nothing', async () => {
  await withStandIn(async (standIn, run) => {
    await deploy(run, 'DataEventsAudit');
    await deploy(run, 'SlsOnlyAudit');
    standIn.faults.push({
      action: 'GetDataEventSelector',
      times: 100,
      status: 403,
      code: 'NoPermission',
      message: 'You are not authorized to do this action.',
    });
    const denied = await status(run, 'DataEventsAudit');
    expect(denied.stderr).toBe('');
    expect(denied.code).toBe(0);
    expect(denied.stdout).toContain(
      DECLARED +
        '    data events live: could not check: GetDataEventSelector was refused (NoPermission: You are not authorized to do this action.); grant actiontrail:GetDataEventSelector\n',
    );
    const json = JSON.parse((await status(run, 'DataEventsAudit', '--json')).stdout);
    expect(json.ok).toBe(true);
    expect(validate(json, documentedSchema('status'))).toEqual([]);
    expect(json.stacks[0].trails[0].dataEvents).toMatchObject({
      state: 'could-not-check',
      drift: [],
      message: expect.stringContaining('grant actiontrail:GetDataEventSelector'),
    });
    expect(json.stacks[0].trails[0].dataEvents.live).toBeNull();

    const undeclared = await status(run, 'SlsOnlyAudit');
    expect(undeclared.code).toBe(0);
    expect(undeclared.stdout).not.toContain('data events');
  });
});

test('selectors with the account in a Fn::Join are compared; selectors known only at deploy time are shown as not compared, exit 0', async () => {
  const selectorsWith = (value: unknown) => ({
    'Fn::Join': [
      '',
      ['[{"ServiceName":"Oss","ReadWriteType":"Read","ResourceArn":{"Equals":["acs:oss:*:', value, ':evidence"]}}]'],
    ],
  });
  const trail = (name: string, selectors: unknown) => ({
    Type: 'Custom::ActionTrailTrail',
    Properties: {
      Parameters: {
        Name: name,
        EventRW: 'All',
        TrailRegion: 'All',
        Logging: true,
        DataEventSelectors: selectors,
        DataEventTrailRegion: 'cn-hangzhou,cn-beijing',
      },
    },
  });
  writeAssembly(path.join(project, 'joined'), [
    {
      id: 'Joined',
      account: ACCOUNT,
      region: 'cn-hangzhou',
      template: {
        ROSTemplateFormatVersion: '2015-09-01',
        Resources: {
          Account: trail('by_account', selectorsWith({ Ref: 'ALIYUN::AccountId' })),
          Later: trail('by_attribute', selectorsWith({ 'Fn::GetAtt': ['Bucket', 'Owner'] })),
        },
      },
    },
  ]);
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', '--app', 'joined', '--yes', '--require-approval', 'never'])).code).toBe(0);
    standIn.putDataEvents(ACCOUNT, 'by_attribute', [{ ServiceName: 'Oss', ReadWriteType: 'Read' }]);
    const r = await run(['status', '--app', 'joined']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  trail by_account: logging, status Enable, latest delivery 2026-11-29T21:00:00Z, latest delivery error none\n' +
        `    data events declared (regions cn-beijing,cn-hangzhou): Oss Read resources acs:oss:*:${ACCOUNT}:evidence\n` +
        `    data events live (regions cn-beijing,cn-hangzhou): Oss Read resources acs:oss:*:${ACCOUNT}:evidence\n`,
    );
    expect(r.stdout).toContain(
      '  trail by_attribute: logging, status Enable, latest delivery 2026-11-29T21:00:00Z, latest delivery error none\n' +
        '    data events declared: the template declares selectors with values known only at deploy time: not compared\n' +
        '    data events live (regions All): Oss Read\n',
    );
    // by_account's regions changed by hand: drift (the list is compared, order aside).
    standIn.putDataEvents(
      ACCOUNT,
      'by_account',
      [{ ServiceName: 'Oss', ReadWriteType: 'Read', ResourceArn: { Equals: [`acs:oss:*:${ACCOUNT}:evidence`] } }],
      ['cn-hangzhou'],
    );
    const drifted = await run(['status', '--app', 'joined']);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain(
      '    drift: data event regions are cn-hangzhou, the template says cn-beijing,cn-hangzhou\n',
    );
  });
});

test('dataEventsDrift: order of selectors and filter values does not matter; listed regions are compared; a missing selector of another service', () => {
  const a = { ServiceName: 'Oss', ReadWriteType: 'All', ResourceArn: { Equals: ['acs:oss:*:*:a', 'acs:oss:*:*:b'] } };
  const b = { ServiceName: 'PDS', ReadWriteType: 'Write', EventName: { Equals: ['CreateFile'] } };
  const reordered = { ...a, ResourceArn: { Equals: ['acs:oss:*:*:b', 'acs:oss:*:*:a'] } };
  expect(
    dataEventsDrift(
      { selectors: [a, b], regions: ['cn-beijing', 'cn-hangzhou'] },
      { selectors: [b, reordered], regions: ['cn-beijing', 'cn-hangzhou'] },
      false,
    ),
  ).toEqual([]);
  expect(
    dataEventsDrift(
      { selectors: [a, b], regions: ['cn-beijing', 'cn-hangzhou'] },
      { selectors: [a], regions: ['cn-hangzhou'] },
      false,
    ),
  ).toEqual([
    'data event selector missing: PDS Write events CreateFile',
    'data event regions are cn-hangzhou, the template says cn-beijing,cn-hangzhou',
  ]);
  // Regions not answered: not compared.
  expect(dataEventsDrift({ selectors: [a], regions: 'All' }, { selectors: [a], regions: null })).toEqual([]);
  expect(formatSelector({ ServiceName: 'Oss', ReadWriteType: 'Write', ResourceArn: { NotEquals: ['x'] } })).toBe(
    'Oss Write resources not x',
  );
});
