/**
 * runtime/ros-confirmation.ts: what ROS must show for each request type, the
 * physical ID rule, the errors, and the times it reads, against a scripted
 * GetStackResource (exact values; the simulator's ROS stand-in runs it end to
 * end in trail-lifecycle.test.ts and the e2e suites).
 */
import { ApiParams, ApiResult, ROS_SERVICE, RpcClient } from '../../../lib/provider/runtime/actiontrail-client';
import { Unanswered, ValidRequest } from '../../../lib/provider/runtime/custom-resource/safe-handler';
import { ApiError, NetworkError, ProviderError } from '../../../lib/provider/runtime/errors';
import { createLogger } from '../../../lib/provider/runtime/log';
import { EXPECTED_STATUS, RosApi, confirmWithRos, rosTime } from '../../../lib/provider/runtime/ros-confirmation';
import { Redactor } from '../../../lib/shared/redact';
import { Deadline } from '../../../lib/shared/backoff';

const lines: Array<Record<string, unknown>> = [];
const push = (l: string): void => void lines.push(JSON.parse(l));
const logger = createLogger(new Redactor([]), { log: push, warn: push, error: push });
beforeEach(() => (lines.length = 0));

/** A ROS that answers `answer` (or throws it) and records the calls. */
function ros(answer: ApiResult | Error): RosApi & { calls: Array<[string, ApiParams]> } {
  const calls: Array<[string, ApiParams]> = [];
  return {
    calls,
    async call(action, params) {
      calls.push([action, params]);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

function request(type: 'Create' | 'Update' | 'Delete', fields: Partial<ValidRequest> = {}): ValidRequest {
  return { RequestType: type, LogicalResourceId: 'AuditTrail', StackId: 'stack-1', ...fields } as ValidRequest;
}

async function unanswered(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Unanswered);
    return (e as Error).message;
  }
  throw new Error('expected Unanswered');
}

describe('confirmWithRos', () => {
  test('the statuses ROS shows while it waits', () => {
    expect(EXPECTED_STATUS).toEqual({
      Create: 'CREATE_IN_PROGRESS',
      Update: 'UPDATE_IN_PROGRESS',
      Delete: 'DELETE_IN_PROGRESS',
    });
  });

  test('a Create while ROS creates the resource: confirmed, one call naming the stack, region and logical ID; times read', async () => {
    const api = ros({ Status: 'CREATE_IN_PROGRESS', CreateTime: '2026-12-06T10:00:00', UpdateTime: 'soon' });
    const record = await confirmWithRos(api, request('Create'), 'stack-1', 'cn-hangzhou', logger);
    expect(record).toEqual({
      status: 'CREATE_IN_PROGRESS',
      physicalId: undefined,
      createdAt: Date.UTC(2026, 11, 6, 10, 0, 0),
      updatedAt: undefined,
    });
    expect(api.calls).toEqual([
      ['GetStackResource', { StackId: 'stack-1', RegionId: 'cn-hangzhou', LogicalResourceId: 'AuditTrail' }],
    ]);
    expect(lines).toEqual([
      {
        level: 'info',
        msg: 'ROS confirmed the request',
        logicalResourceId: 'AuditTrail',
        status: 'CREATE_IN_PROGRESS',
      },
    ]);
  });

  test('Update and Delete need the physical ID ROS records', async () => {
    const update = ros({
      Status: 'UPDATE_IN_PROGRESS',
      PhysicalResourceId: 'audit_all',
      UpdateTime: '2026-12-06T10:00:05',
    });
    expect(
      await confirmWithRos(update, request('Update', { PhysicalResourceId: 'audit_all' }), 'stack-1', 'r', logger),
    ).toMatchObject({ physicalId: 'audit_all', updatedAt: Date.UTC(2026, 11, 6, 10, 0, 5) });
    expect(
      await unanswered(
        confirmWithRos(update, request('Update', { PhysicalResourceId: 'audit_other' }), 'stack-1', 'r', logger),
      ),
    ).toBe('ROS records the physical ID "audit_all" for AuditTrail, not the request\'s "audit_other"');
    const del = ros({ Status: 'DELETE_IN_PROGRESS', PhysicalResourceId: 'audit_all' });
    await confirmWithRos(del, request('Delete', { PhysicalResourceId: 'audit_all' }), 'stack-1', 'r', logger);
    expect(await unanswered(confirmWithRos(del, request('Delete'), 'stack-1', 'r', logger))).toBe(
      'ROS records the physical ID "audit_all" for AuditTrail, not the request\'s null',
    );
    // An Update without a physical ID is never confirmed, even when ROS records none (or an empty one).
    for (const recorded of [{}, { PhysicalResourceId: '' }])
      for (const physicalId of [undefined, ''])
        await unanswered(
          confirmWithRos(
            ros({ Status: 'UPDATE_IN_PROGRESS', ...recorded }),
            request('Update', { PhysicalResourceId: physicalId }),
            'stack-1',
            'r',
            logger,
          ),
        );
  });

  test('a Delete naming nothing (after a failed Create) is confirmed when ROS records nothing or the placeholder', async () => {
    for (const recorded of [undefined, '', 'create-failed.AuditTrail'])
      for (const requested of [undefined, '', 'create-failed.AuditTrail'])
        await confirmWithRos(
          ros({ Status: 'DELETE_IN_PROGRESS', ...(recorded !== undefined ? { PhysicalResourceId: recorded } : {}) }),
          request('Delete', { PhysicalResourceId: requested }),
          'stack-1',
          'r',
          logger,
        );
    await unanswered(
      confirmWithRos(
        ros({ Status: 'DELETE_IN_PROGRESS', PhysicalResourceId: 'audit_all' }),
        request('Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }),
        'stack-1',
        'r',
        logger,
      ),
    );
  });

  test('any other status is not confirmed, and says which', async () => {
    for (const [type, status] of [
      ['Create', 'CREATE_COMPLETE'],
      ['Create', 'UPDATE_IN_PROGRESS'],
      ['Update', 'UPDATE_FAILED'],
      ['Update', 'CREATE_IN_PROGRESS'],
      ['Delete', 'DELETE_FAILED'],
      ['Delete', 'UPDATE_IN_PROGRESS'],
    ] as const) {
      const message = await unanswered(
        confirmWithRos(
          ros({ Status: status, PhysicalResourceId: 'p1' }),
          request(type, { PhysicalResourceId: 'p1' }),
          'stack-1',
          'r',
          logger,
        ),
      );
      expect(message).toBe(`ROS shows AuditTrail as "${status}", not ${EXPECTED_STATUS[type]} as a ${type} implies`);
    }
    expect(await unanswered(confirmWithRos(ros({}), request('Create'), 'stack-1', 'r', logger))).toBe(
      'ROS shows AuditTrail as null, not CREATE_IN_PROGRESS as a Create implies',
    );
    expect(await unanswered(confirmWithRos(ros({ Status: 7 }), request('Create'), 'stack-1', 'r', logger))).toContain(
      'as null',
    );
  });

  test('another stack is not even looked up', async () => {
    const api = ros({ Status: 'CREATE_IN_PROGRESS' });
    expect(await unanswered(confirmWithRos(api, request('Create', { StackId: 'other' }), 'stack-1', 'r', logger))).toBe(
      'the request names stack "other", not the function\'s own stack stack-1',
    );
    expect(
      await unanswered(confirmWithRos(api, request('Create', { StackId: undefined }), 'stack-1', 'r', logger)),
    ).toBe("the request names stack null, not the function's own stack stack-1");
    expect(api.calls).toEqual([]);
  });

  test('ROS knowing no such stack or resource: not confirmed; any other failure: FAILED naming it', async () => {
    for (const code of ['StackNotFound', 'ResourceNotFound'])
      expect(
        await unanswered(
          confirmWithRos(
            ros(new ApiError('GetStackResource', code, 'gone', 'R1', 404)),
            request('Create'),
            'stack-1',
            'r',
            logger,
          ),
        ),
      ).toBe(`ROS knows no resource AuditTrail in the stack (${code})`);
    for (const error of [
      new ApiError('GetStackResource', 'Forbidden.RAM', 'no', 'R2', 403),
      new NetworkError('connect ECONNREFUSED', 'ECONNREFUSED'),
    ]) {
      let caught: unknown;
      await confirmWithRos(ros(error), request('Create'), 'stack-1', 'r', logger).catch((e) => (caught = e));
      expect(caught).toBeInstanceOf(ProviderError);
      expect((caught as Error).message).toMatch(
        /^the provider could not confirm this request with ROS \(GetStackResource: .+\); nothing was changed\. Retry the stack operation$/,
      );
    }
  });
});

describe('rosTime', () => {
  test('ROS and ActionTrail times, in UTC, with or without Z, T or a space; anything else is unknown', () => {
    expect(rosTime('2019-08-01T06:01:23')).toBe(Date.UTC(2019, 7, 1, 6, 1, 23));
    expect(rosTime('2021-03-01T06:27:28Z')).toBe(Date.UTC(2021, 2, 1, 6, 27, 28));
    expect(rosTime(' 2021-03-01 06:27:28 ')).toBe(Date.UTC(2021, 2, 1, 6, 27, 28));
    expect(rosTime('2021-03-01T06:27:28.5Z')).toBe(Date.UTC(2021, 2, 1, 6, 27, 28, 500));
    expect(rosTime('2021-03-01T14:27:28+08:00')).toBe(Date.UTC(2021, 2, 1, 6, 27, 28));
    expect(rosTime('2021-03-01T14:27:28+0800')).toBe(Date.UTC(2021, 2, 1, 6, 27, 28));
    expect(rosTime('2021-03-01T06:27:28Z and more')).toBeUndefined();
    for (const v of [
      undefined,
      null,
      5,
      '',
      '2021-03-01',
      'yesterday',
      '2021-13-45T99:99:99Z',
      'x2021-03-01T06:27:28Z',
    ])
      expect(rosTime(v)).toBeUndefined();
  });
});

describe('the ROS client', () => {
  test('is limited to ROS_API_ACTIONS and signs with version 2019-09-10', async () => {
    expect(ROS_SERVICE).toEqual({
      listName: 'ROS_API_ACTIONS',
      version: '2019-09-10',
      methods: { GetStackResource: 'POST' },
    });
    const client = new RpcClient(ROS_SERVICE, {
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
      deadline: Deadline.in(10),
      requestTimeoutMs: 10,
      baseDelayMs: 1,
      maxDelayMs: 1,
      logger,
    });
    await expect(client.call('DeleteStack' as never, {})).rejects.toThrow(
      'operation DeleteStack is not in ROS_API_ACTIONS',
    );
  });
});
