/**
 * The review modules in process: the template diff and its security
 * changes, the approval on a terminal (a fake TTY answering the prompt), and
 * the plan runner's ordering and limit.
 */
import { PassThrough } from 'stream';
import { approve, needsApproval } from '../src/approval';
import { runPlan } from '../src/concurrency';
import { CliError } from '../src/errors';
import { diffTemplates, formatValue, propertyChanges, securityLines } from '../src/template-diff';

const role = (props: Record<string, unknown>) => ({
  Resources: { R: { Type: 'ALIYUN::RAM::Role', Properties: props } },
});
const policy = (statements: object[]) => ({
  Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '1', Statement: statements } }],
});

describe('diffTemplates', () => {
  test('property paths: objects by key, lists by index, keys that are not identifiers quoted', () => {
    expect(
      propertyChanges(
        { Properties: { A: [1, 2], B: { 'Fn::Sub': 'x' }, C: 'same' } },
        { Properties: { A: [1, 3, 4], B: { 'Fn::Sub': 'y' }, C: 'same' } },
      ),
    ).toEqual([
      { path: 'Properties.A[1]', old: 2, new: 3 },
      { path: 'Properties.A[2]', old: undefined, new: 4 },
      { path: 'Properties.B["Fn::Sub"]', old: 'x', new: 'y' },
    ]);
  });

  test('long values as a digest with sizes; short ones as JSON; absent as (absent)', () => {
    expect(formatValue('short')).toBe('"short"');
    expect(formatValue(undefined)).toBe('(absent)');
    expect(formatValue('x'.repeat(100))).toMatch(/^sha256:[0-9a-f]{12} \(100 bytes\)$/);
    expect(formatValue('x'.repeat(100))).not.toBe(formatValue('x'.repeat(101)));
  });

  test('a new stack: every resource added, its roles and allowed actions broaden', () => {
    const d = diffTemplates(
      undefined,
      role({ AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { RAM: 'acs:ram::1:root' } }] } }),
    );
    expect(d.resources).toEqual([{ logicalId: 'R', type: 'ALIYUN::RAM::Role', action: 'Add', changes: [] }]);
    expect(d.security).toEqual([
      {
        logicalId: 'R',
        type: 'ALIYUN::RAM::Role',
        kind: 'trust-principal',
        change: 'added',
        value: 'RAM:acs:ram::1:root',
        broadening: true,
      },
    ]);
    expect(d.broadening).toBe(true);
  });

  test('a deny removed broadens, a deny added does not; an allowed resource removed does not', () => {
    const before = role(
      policy([
        { Effect: 'Deny', Action: 'ram:*', Resource: '*' },
        { Effect: 'Allow', Action: 'oss:Get*', Resource: ['a', 'b'] },
      ]),
    );
    const after = role(policy([{ Effect: 'Allow', Action: 'oss:Get*', Resource: ['a'] }]));
    const d = diffTemplates(before, after);
    expect(d.security.map((s) => [s.kind, s.change, s.effect, s.value, s.broadening])).toEqual([
      ['policy-action', 'removed', 'Deny', 'ram:*', true],
      ['policy-resource', 'removed', 'Deny', '*', true],
      ['policy-resource', 'removed', 'Allow', 'b', false],
    ]);
    expect(
      diffTemplates(after, before)
        .security.filter((s) => s.broadening)
        .map((s) => s.value),
    ).toEqual(['b']);
  });

  test('attached policies and managed-policy attachments count as permissions; function code changes show but do not broaden', () => {
    const attached = diffTemplates(
      role({ PolicyAttachments: { System: ['A'] } }),
      role({ PolicyAttachments: { System: ['A', 'B'] } }),
    );
    expect(attached.security.map((s) => [s.kind, s.value, s.broadening])).toEqual([
      ['policy-attachment', 'System:B', true],
    ]);
    const managed = (roles: string[]) => ({
      Resources: { M: { Type: 'ALIYUN::RAM::ManagedPolicy', Properties: { Roles: roles } } },
    });
    expect(diffTemplates(managed(['r1']), managed(['r1', 'r2'])).security.map((s) => s.value)).toEqual([
      'attached to Roles:r2',
    ]);
    const fn = (zip: string) => ({
      Resources: { F: { Type: 'ALIYUN::FC3::Function', Properties: { Code: { ZipFile: zip } } } },
    });
    const code = diffTemplates(fn('a'.repeat(90)), fn('b'.repeat(95)));
    expect(code.broadening).toBe(false);
    expect(securityLines(code.security)).toEqual([
      expect.stringMatching(
        /^ {2}\[~\] F \(ALIYUN::FC3::Function\) function code: ZipFile sha256:[0-9a-f]{12} \(90 bytes\) -> ZipFile sha256:[0-9a-f]{12} \(95 bytes\)$/,
      ),
    ]);
  });

  test('identical templates: no change at all', () => {
    const t = role({ AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: ['x'] } }] } });
    expect(diffTemplates(t, JSON.parse(JSON.stringify(t)))).toEqual({ resources: [], security: [], broadening: false });
  });
});

describe('approval', () => {
  const plan = { anyChange: true, broadening: true };
  const tty = (answer: string): PassThrough & { isTTY: boolean } => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    setImmediate(() => input.write(`${answer}\n`));
    return input;
  };

  test('which mode asks for what', () => {
    expect(needsApproval('never', plan)).toBe(false);
    expect(needsApproval('broadening', { anyChange: true, broadening: false })).toBe(false);
    expect(needsApproval('broadening', plan)).toBe(true);
    expect(needsApproval('any-change', { anyChange: true, broadening: false })).toBe(true);
    expect(needsApproval('any-change', { anyChange: false, broadening: false })).toBe(false);
  });

  test('on a terminal the person answers: y goes, anything else cancels; the question says trust grows', async () => {
    const output = new PassThrough();
    let asked = '';
    output.on('data', (d) => (asked += d));
    expect(await approve('broadening', plan, { yes: false, stdin: tty('y'), output })).toBe('go');
    expect(asked).toContain('Trust or permissions grow (see above). Deploy? [y/N]');
    expect(await approve('broadening', plan, { yes: false, stdin: tty('n'), output })).toBe('cancelled');
    expect(
      await approve('any-change', { anyChange: true, broadening: false }, { yes: false, stdin: tty(''), output }),
    ).toBe('cancelled');
  });

  test('on a terminal, --yes does not approve trust that grows; it approves other changes', async () => {
    const output = new PassThrough();
    await expect(approve('broadening', plan, { yes: true, stdin: tty('y'), output })).rejects.toThrow(
      /and --yes was given, so nobody approved them; .* or pass --require-approval never/,
    );
    await expect(approve('broadening', plan, { yes: true, stdin: tty('y'), output })).rejects.toBeInstanceOf(CliError);
    expect(
      await approve('any-change', { anyChange: true, broadening: false }, { yes: true, stdin: tty('n'), output }),
    ).toBe('go');
  });
});

describe('runPlan', () => {
  const item = (id: string, ...dependencies: string[]) => ({ id, dependencies });

  test('at most n at once, each after its dependencies; dependencies outside the plan count as done', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const run = await runPlan([item('a'), item('b', 'outside'), item('c', 'a'), item('d')], 2, async (i) => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${i.id}`);
      await new Promise((r) => setTimeout(r, i.id === 'a' ? 20 : 5));
      log.push(`end ${i.id}`);
      running--;
    });
    expect(peak).toBe(2);
    expect(log.indexOf('start c')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
    expect(run).toEqual({ done: expect.arrayContaining(['a', 'b', 'c', 'd']), failed: [], notStarted: [] });
  });

  test('after a failure nothing more starts; what depends on it is not started', async () => {
    const started: string[] = [];
    const run = await runPlan([item('a'), item('b'), item('c', 'a'), item('d')], 1, async (i) => {
      started.push(i.id);
      if (i.id === 'b') throw new Error('boom');
    });
    expect(started).toEqual(['a', 'b']);
    expect(run.failed.map((f) => f.id)).toEqual(['b']);
    expect(run.notStarted).toEqual(['c', 'd']);
  });
});
