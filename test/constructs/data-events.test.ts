import {
  DataEvents,
  EventRW,
  KNOWN_DATA_EVENT_SERVICES,
  MAX_DATA_EVENT_SELECTORS,
  MaxComputeDestination,
  Trail,
  TrailRegion,
} from '../../lib';
import { validationError } from '../support/errors';
import { newStack, synthTemplate } from '../support/template';

function trailWith(
  dataEvents: unknown,
  stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' }),
) {
  const trail = new Trail(stack, 'AuditTrail', {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou', quota: 'os_PayAsYouGoQuota' }),
    dataEvents: dataEvents as DataEvents,
  });
  return { stack, trail };
}

function policy(stack: ReturnType<typeof newStack>): Array<{ Action: string[]; Resource: string[] }> {
  return synthTemplate(stack).Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
}

describe('Trail dataEvents: template', () => {
  test('onOssBuckets: all reads and writes on the named buckets, every region, as one selector', () => {
    const { stack } = trailWith(DataEvents.onOssBuckets(['audit-evidence', 'billing-exports']));
    const parameters = synthTemplate(stack).Resources.AuditTrail.Properties.Parameters;
    expect(JSON.parse(parameters.DataEventSelectors)).toEqual([
      {
        ServiceName: 'Oss',
        ReadWriteType: 'All',
        ResourceArn: { Equals: ['acs:oss:*:*:audit-evidence', 'acs:oss:*:*:billing-exports'] },
      },
    ]);
    expect(parameters.DataEventTrailRegion).toBe('All');
  });

  test('onOssBuckets: 11 buckets make two selectors (10 ARNs per filter), with the account and regions given', () => {
    const names = Array.from({ length: 11 }, (_, i) => `bucket-${i}`);
    const { stack } = trailWith(
      DataEvents.onOssBuckets(names, {
        readWrite: EventRW.WRITE,
        regions: TrailRegion.of('cn-shanghai', 'cn-hangzhou'),
        account: '1234567890123456',
      }),
    );
    const parameters = synthTemplate(stack).Resources.AuditTrail.Properties.Parameters;
    const selectors = JSON.parse(parameters.DataEventSelectors);
    expect(selectors).toHaveLength(2);
    expect(selectors[0].ResourceArn.Equals).toHaveLength(10);
    expect(selectors[1]).toEqual({
      ServiceName: 'Oss',
      ReadWriteType: 'Write',
      ResourceArn: { Equals: ['acs:oss:*:1234567890123456:bucket-10'] },
    });
    expect(parameters.DataEventTrailRegion).toBe('cn-shanghai,cn-hangzhou');
  });

  test('of: every field of a selector, in the API order; empty lists left out', () => {
    const { stack } = trailWith(
      DataEvents.of({
        selectors: [
          {
            service: 'Oss',
            readWrite: EventRW.READ,
            eventNames: { equals: ['GetObject'], notEquals: [] },
            resourceArns: { notEquals: ['acs:oss:*:*:public-assets'] },
          },
          { service: 'PDS' },
        ],
      }),
    );
    const parameters = synthTemplate(stack).Resources.AuditTrail.Properties.Parameters;
    expect(parameters.DataEventSelectors).toBe(
      '[{"ServiceName":"Oss","ReadWriteType":"Read","EventName":{"Equals":["GetObject"]},"ResourceArn":{"NotEquals":["acs:oss:*:*:public-assets"]}},' +
        '{"ServiceName":"PDS","ReadWriteType":"All"}]',
    );
  });

  test('without dataEvents: no data-event parameters, and the role may read and delete selectors but not put them', () => {
    const { stack } = trailWith(undefined);
    const parameters = synthTemplate(stack).Resources.AuditTrail.Properties.Parameters;
    expect(parameters).not.toHaveProperty('DataEventSelectors');
    expect(parameters).not.toHaveProperty('DataEventTrailRegion');
    const actions = policy(stack).flatMap((s) => s.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['actiontrail:GetDataEventSelector', 'actiontrail:DeleteDataEventSelector']),
    );
    expect(actions).not.toContain('actiontrail:PutDataEventSelector');
  });

  test('with dataEvents: the role may also put selectors, on this account and region trails only', () => {
    const { stack } = trailWith(DataEvents.onOssBuckets(['audit-evidence']));
    expect(policy(stack)).toContainEqual({
      Effect: 'Allow',
      Action: [
        'actiontrail:DeleteDataEventSelector',
        'actiontrail:GetDataEventSelector',
        'actiontrail:PutDataEventSelector',
      ],
      Resource: ['acs:actiontrail:cn-hangzhou:1234567890123456:trail/*'],
    });
  });

  test('the selectors are part of the declaration the provider checks requests against', () => {
    const { stack } = trailWith(DataEvents.onOssBuckets(['audit-evidence']));
    const fn = synthTemplate(stack).Resources.ActionTrailProviderFunction.Properties;
    const declarations = JSON.parse(fn.EnvironmentVariables.TRAIL_DECLARATIONS);
    expect(declarations.AuditTrail.DataEventSelectors).toContain('acs:oss:*:*:audit-evidence');
    expect(declarations.AuditTrail.DataEventTrailRegion).toBe('All');
  });

  test('the known services are the public ones, and the limit is the API reference', () => {
    expect(KNOWN_DATA_EVENT_SERVICES).toEqual(['Oss', 'PDS', 'Push']);
    expect(MAX_DATA_EVENT_SELECTORS).toBe(20);
  });
});

describe('Trail dataEvents: errors name the path, property, value, rule and fix', () => {
  const at = "Trail 'Audit/AuditTrail': ";

  test('not a DataEvents', () => {
    expect(validationError(() => trailWith({ selectors: [] })).message).toBe(
      `${at}dataEvents {"selectors":[]} must be DataEvents.of({ selectors: [...] }) or DataEvents.onOssBuckets([...])`,
    );
  });

  test('more than 20 selectors', () => {
    const selectors = Array.from({ length: 21 }, () => ({ service: 'Oss' }));
    const e = validationError(() => trailWith(DataEvents.of({ selectors })));
    expect(e.property).toBe('dataEvents.selectors');
    expect(e.message).toBe(
      `${at}dataEvents.selectors has 21 selectors, over ActionTrail's limit of 20 per trail (PutDataEventSelector): merge selectors of the same service (one selector takes up to 10 resource ARNs), or split the resources across trails`,
    );
  });

  test('no selector', () => {
    expect(validationError(() => trailWith(DataEvents.of({ selectors: [] }))).message).toBe(
      `${at}dataEvents.selectors [] must list 1 to 20 selectors: leave dataEvents unset to record no data events`,
    );
  });

  test('a malformed resource ARN, by its index', () => {
    const e = validationError(() =>
      trailWith(
        DataEvents.of({ selectors: [{ service: 'Oss' }, { service: 'Oss', resourceArns: { equals: ['my-bucket'] } }] }),
      ),
    );
    expect(e.property).toBe('dataEvents.selectors[1].resourceArns.equals[0]');
    expect(e.message).toBe(
      `${at}dataEvents.selectors[1].resourceArns.equals[0] 'my-bucket' must be an ARN 'acs:<service>:<region or *>:<16-digit account or *>:<resource>', e.g. DataEvents.ossBucketArn('my-bucket') = 'acs:oss:*:*:my-bucket'`,
    );
  });

  test('more than 10 values in one filter', () => {
    const equals = Array.from({ length: 6 }, (_, i) => `Get${i}`);
    const notEquals = Array.from({ length: 5 }, (_, i) => `Put${i}`);
    expect(
      validationError(() =>
        trailWith(DataEvents.of({ selectors: [{ service: 'Oss', eventNames: { equals, notEquals } }] })),
      ).message,
    ).toBe(
      `${at}dataEvents.selectors[0].eventNames has 11 values in equals and notEquals together, over ActionTrail's limit of 10 per filter (PutDataEventSelector): split them across selectors of the same service`,
    );
  });

  test('an empty filter, a value in both lists, a repeated value', () => {
    const sel = (eventNames: object) => DataEvents.of({ selectors: [{ service: 'Oss', eventNames }] });
    expect(validationError(() => trailWith(sel({}))).message).toBe(
      `${at}dataEvents.selectors[0].eventNames {} lists no value: give equals or notEquals values, or leave the filter unset to select all`,
    );
    expect(validationError(() => trailWith(sel({ equals: ['A'], notEquals: ['A'] }))).message).toBe(
      `${at}dataEvents.selectors[0].eventNames has 'A' in both equals and notEquals: keep it in one`,
    );
    expect(validationError(() => trailWith(sel({ equals: ['A', 'A'] }))).message).toBe(
      `${at}dataEvents.selectors[0].eventNames.equals lists 'A' twice: list each value once`,
    );
  });

  test('a bad service name and a bad readWrite', () => {
    expect(validationError(() => trailWith(DataEvents.of({ selectors: [{ service: 'oss bucket' }] }))).message).toBe(
      `${at}dataEvents.selectors[0].service 'oss bucket' must be a service name such as 'Oss': a letter, then letters and digits (ActionTrail's ServiceName)`,
    );
    expect(
      validationError(() => trailWith(DataEvents.of({ selectors: [{ service: 'Oss', readWrite: 'Both' as EventRW }] })))
        .message,
    ).toBe(
      `${at}dataEvents.selectors[0].readWrite 'Both' must be one of 'All', 'Read', 'Write' (EventRW.ALL, EventRW.READ or EventRW.WRITE)`,
    );
  });

  test('bad regions', () => {
    expect(
      validationError(() =>
        trailWith(
          DataEvents.of({ selectors: [{ service: 'Oss' }], regions: TrailRegion.of('cn-hangzhou', 'cn-hangzhou') }),
        ),
      ).message,
    ).toBe(`${at}dataEvents.regions 'cn-hangzhou,cn-hangzhou' lists 'cn-hangzhou' twice`);
  });

  test('onOssBuckets: no bucket, a bad bucket name, a repeated one', () => {
    expect(validationError(() => trailWith(DataEvents.onOssBuckets([]))).message).toBe(
      `${at}dataEvents DataEvents.onOssBuckets([]) must name at least one bucket`,
    );
    expect(validationError(() => trailWith(DataEvents.onOssBuckets(['Audit_Bucket']))).message).toBe(
      `${at}dataEvents.ossBucketNames[0] 'Audit_Bucket' must be an OSS bucket name: 3-63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit`,
    );
    expect(validationError(() => trailWith(DataEvents.onOssBuckets(['a-bucket', 'a-bucket']))).message).toBe(
      `${at}dataEvents.ossBucketNames lists 'a-bucket' twice: name each bucket once`,
    );
  });
});
