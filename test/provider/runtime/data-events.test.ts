/**
 * lib/provider/runtime/data-events.ts against the simulator, through the real
 * API client (./../lifecycle-kit.ts): the declared configuration read from the
 * properties, convergence (nothing, put, delete), the read-back, and the undo
 * with the Reason it gives.
 */
import {
  DataEventsConfig,
  DataEventsError,
  convergeDataEvents,
  declaredBefore,
  matches,
  readDataEvents,
  removeBeforeDelete,
  restoreDataEvents,
  sameDataEvents,
} from '../../../lib/provider/runtime/data-events';
import { FailedOperation, updateTrail } from '../../../lib/provider/runtime/trail-lifecycle';
import { parseTrailProperties } from '../../../lib/provider/runtime/properties';
import { captureConsole, pid, trailProps, useProviderEnvironment } from '../harness';
import { rejection, rig } from '../lifecycle-kit';

const { sim } = useProviderEnvironment();
captureConsole();

const A = [{ ServiceName: 'Oss', ReadWriteType: 'All', ResourceArn: { Equals: ['acs:oss:*:*:a', 'acs:oss:*:*:b'] } }];
const B = [{ ServiceName: 'Push', ReadWriteType: 'Read' }];

function config(selectors: unknown, region?: string): DataEventsConfig {
  const problems: string[] = [];
  const c = readDataEvents({ DataEventSelectors: JSON.stringify(selectors), DataEventTrailRegion: region }, problems);
  expect(problems).toEqual([]);
  return c!;
}

function seedTrail(name = 'audit_all'): void {
  sim.seedTrail({ Name: name, Status: 'Enable', EventRW: 'All', OssBucketName: `bucket-${name.replace(/_/g, '-')}` });
}

const dataCalls = (): string[] =>
  sim.calls.filter((c) => c.action.includes('DataEventSelector')).map((c) => `${c.action}:${c.code ?? c.status}`);

describe('the declared data events in the properties', () => {
  test('absent: undefined, no problem; a region without selectors is a problem', () => {
    const problems: string[] = [];
    expect(readDataEvents({}, problems)).toBeUndefined();
    expect(readDataEvents({ DataEventSelectors: '' }, problems)).toBeUndefined();
    expect(problems).toEqual([]);
    readDataEvents({ DataEventTrailRegion: 'All' }, problems);
    expect(problems).toEqual(['DataEventTrailRegion is set but DataEventSelectors is not']);
  });

  test('every rule broken is reported with the parameter name', () => {
    const problems: string[] = [];
    readDataEvents({ DataEventSelectors: '{', DataEventTrailRegion: 'cn-hangzhou,Mars' }, problems);
    readDataEvents({ DataEventSelectors: '[]' }, problems);
    readDataEvents({ DataEventSelectors: JSON.stringify(Array(21).fill(B[0])) }, problems);
    readDataEvents({ DataEventSelectors: 7 }, problems);
    expect(problems).toEqual([
      'DataEventSelectors is not JSON: it must be a JSON array of selectors',
      'DataEventTrailRegion must be \'All\' or comma-separated region IDs, bad: "Mars"',
      'DataEventSelectors must list at least one selector',
      "DataEventSelectors has 21 selectors, over ActionTrail's limit of 20 per trail (PutDataEventSelector)",
      'DataEventSelectors must be a JSON string, got number',
    ]);
  });

  test('two declarations are the same whatever the order of selectors, values and regions', () => {
    const reordered = [{ ...A[0], ResourceArn: { Equals: ['acs:oss:*:*:b', 'acs:oss:*:*:a'] } }];
    expect(sameDataEvents(config([...A, ...B]), config([...B, ...reordered]))).toBe(true);
    expect(sameDataEvents(config(A, 'cn-hangzhou,cn-shanghai'), config(A, 'cn-shanghai,cn-hangzhou'))).toBe(true);
    expect(sameDataEvents(config(A, 'cn-hangzhou'), config(A))).toBe(false);
    expect(sameDataEvents(config(A), config(B))).toBe(false);
    expect(sameDataEvents(config(A), undefined)).toBe(false);
    expect(sameDataEvents(undefined, undefined)).toBe(true);
  });

  test('the previous properties declared some only with a non-empty list', () => {
    expect(declaredBefore({ DataEventSelectors: JSON.stringify(A) })).toBe(true);
    expect(declaredBefore({ DataEventSelectors: '[]' })).toBe(false);
    expect(declaredBefore({ DataEventSelectors: '' })).toBe(false);
    expect(declaredBefore(undefined)).toBe(false);
    expect(declaredBefore(['x'])).toBe(false);
  });

  test('the regions are compared only where the answer gives them', () => {
    const desired = config(A, 'cn-hangzhou');
    const live = { selectors: A, key: desired.key };
    expect(matches(live, desired)).toBe(true);
    expect(matches({ ...live, allRegions: true }, desired)).toBe(false);
    expect(matches({ ...live, allRegions: false, regionIds: ['cn-shanghai'] }, desired)).toBe(false);
    expect(matches({ ...live, allRegions: false, regionIds: ['cn-hangzhou'] }, desired)).toBe(true);
    expect(matches({ selectors: [], key: '[]' }, undefined)).toBe(true);
    expect(matches(live, undefined)).toBe(false);
  });
});

describe('convergence', () => {
  test('nothing declared, before or now: no call at all, selectors set by hand stay', async () => {
    seedTrail();
    sim.seedDataEvents('audit_all', B);
    await convergeDataEvents(rig(sim).ctx, 'audit_all', undefined, false);
    expect(dataCalls()).toEqual([]);
    expect(sim.dataEvents('audit_all')?.selectors).toEqual(B);
  });

  test('declared: put, then read back; a second run only reads', async () => {
    seedTrail();
    const desired = config(A, 'cn-hangzhou,cn-shanghai');
    await convergeDataEvents(rig(sim).ctx, 'audit_all', desired, false);
    expect(sim.dataEvents('audit_all')).toMatchObject({
      selectors: A,
      IsTrailAllRegion: false,
      TrailRegionIds: 'cn-hangzhou,cn-shanghai',
    });
    expect(dataCalls()).toEqual(['GetDataEventSelector:200', 'PutDataEventSelector:200', 'GetDataEventSelector:200']);
    await convergeDataEvents(rig(sim).ctx, 'audit_all', desired, true);
    expect(dataCalls()).toHaveLength(4);
  });

  test('declared before and not now: deleted and read back; a Get that answers "no selectors" means nothing to delete', async () => {
    seedTrail();
    sim.seedDataEvents('audit_all', A);
    sim.inject({
      kind: 'error',
      status: 404,
      code: 'DataEventSelectorNotFound',
      message: 'none',
      times: 1,
      action: 'GetDataEventSelector',
    });
    // The first Get answers "none", so nothing is to delete.
    await convergeDataEvents(rig(sim).ctx, 'audit_all', undefined, true);
    expect(dataCalls()).toEqual(['GetDataEventSelector:DataEventSelectorNotFound']);
    sim.clearFaults();
    await convergeDataEvents(rig(sim).ctx, 'audit_all', undefined, true);
    expect(sim.dataEvents('audit_all')).toBeUndefined();
    expect(dataCalls().slice(1)).toEqual([
      'GetDataEventSelector:200',
      'DeleteDataEventSelector:200',
      'GetDataEventSelector:200',
    ]);
  });

  test('a read-back that never shows the change: fails, and what was there is put back', async () => {
    seedTrail();
    sim.seedDataEvents('audit_all', B);
    const { ctx, api } = rig(sim);
    // Someone overwrites the selectors right after the put: the read-back never matches.
    api.after('PutDataEventSelector', () =>
      sim.seedDataEvents('audit_all', [{ ServiceName: 'PDS', ReadWriteType: 'Write' }]),
    );
    const e = (await rejection(convergeDataEvents(ctx, 'audit_all', config(A), true))) as DataEventsError;
    expect(e).toBeInstanceOf(DataEventsError);
    expect(e.message).toContain("GetDataEventSelector still shows other data event selectors on trail 'audit_all'");
    expect(e.notes).toEqual(["The data event selectors of trail 'audit_all' were put back as they were."]);
    expect(sim.dataEvents('audit_all')?.selectors).toEqual(B);
  });

  test('an undo that cannot put them back gives the command that does', async () => {
    seedTrail();
    const { ctx } = rig(sim);
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 10,
      action: 'PutDataEventSelector',
    });
    const sentence = await restoreDataEvents(ctx, 'audit_all', { selectors: A, key: config(A).key, allRegions: true });
    expect(sentence).toContain("The data event selectors of trail 'audit_all' could not be put back");
    expect(sentence).toContain('NoPermission');
    expect(sentence).toContain(
      `aliyun actiontrail PutDataEventSelector --region cn-hangzhou --TrailName audit_all --EventSelectors '${JSON.stringify(A)}' --IsTrailAllRegion true`,
    );
  });

  test('before a Delete: declared selectors are read and deleted; undeclared ones are not touched', async () => {
    seedTrail();
    sim.seedDataEvents('audit_all', A);
    expect(await removeBeforeDelete(rig(sim).ctx, 'audit_all', false)).toBeUndefined();
    expect(dataCalls()).toEqual([]);
    const before = await removeBeforeDelete(rig(sim).ctx, 'audit_all', true);
    expect(before?.selectors).toEqual(A);
    expect(sim.dataEvents('audit_all')).toBeUndefined();
  });
});

describe('through the lifecycle', () => {
  test('a rename onto the same OSS bucket that fails re-creates the old trail with its selectors', async () => {
    const { ctx } = rig(sim);
    const props = (name: string) =>
      trailProps({ Name: name, OssBucketName: 'shared-bucket', DataEventSelectors: JSON.stringify(A) });
    sim.seedTrail({
      Name: 'audit_all',
      Status: 'Enable',
      EventRW: 'All',
      MaxComputeProjectArn: String(trailProps().MaxComputeProjectArn),
      OssBucketName: 'shared-bucket',
    });
    sim.seedDataEvents('audit_all', A);
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 100,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    const e = (await rejection(
      updateTrail(ctx, 'AuditTrail', pid('audit_all'), parseTrailProperties(props('audit_new')), props('audit_all')),
    )) as FailedOperation;
    expect(e.message).toContain('InvalidParameter');
    expect(e.message).toContain("The data event selectors of trail 'audit_all' were put back as they were.");
    expect(sim.trail('audit_all')).toBeDefined();
    expect(sim.trail('audit_new')).toBeUndefined();
    expect(sim.dataEvents('audit_all')?.selectors).toEqual(A);
  });
});
