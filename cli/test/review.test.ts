/**
 * A diff you can review, and the approval it drives, through the bin against
 * the stand-in, on the examples' real templates (scripts/synth.js): adding an
 * account to the archive role's trust policy shows the property path with the
 * added account and a security section that says trust grows; deploy prints
 * that section before it acts and, without a terminal, refuses a broadening
 * change unless `--require-approval never`; the provider's ZipFile shows as a
 * digest with sizes; `--json` output parses and matches docs/cli.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, synthExamples } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const ARCHIVE = '3333333333333333';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', '1111111111111111=mgmt'];
const ADDED = '4444444444444444@actiontrail.aliyuncs.com';

let root: string;
let creds: { home: string; credentialsFile: string };

/** A copy of the synthesized assembly `v1` as `name`, with `edit` applied to one stack's template. */
function variant(name: string, stack: string, edit: (t: Record<string, any>) => void): void {
  const dir = path.join(root, name);
  fs.cpSync(path.join(root, 'v1'), dir, { recursive: true });
  const file = path.join(dir, `${stack}.template.json`);
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(template);
  fs.writeFileSync(file, JSON.stringify(template, undefined, 2));
}

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

beforeAll(() => {
  root = tempDir('atcdk-review-');
  creds = tempHome();
  synthExamples(path.join(root, 'v1'));
  variant('trust', 'OrgAudit-LogArchive', (t) => {
    t.Resources.ArchiveRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service.push(ADDED);
  });
  variant('narrow', 'OrgAudit-LogArchive', (t) => {
    t.Resources.ArchiveRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service = [];
    t.Resources.ArchiveRole.Properties.Description = 'no longer trusted by anyone';
  });
  variant('described', 'OrgAudit-LogArchive', (t) => {
    t.Resources.ArchiveRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service = [];
    t.Resources.ArchiveRole.Properties.Description = 'described again';
  });
  variant('code', 'OrgAudit-Management', (t) => {
    t.Resources.ActionTrailProviderFunction.Properties.Code.ZipFile += 'AAAA';
    t.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement[0].Action.push(
      'actiontrail:UpdateDeliveryHistoryJob',
    );
  });
});

test('adding an account to the archive role trust policy: the diff shows the added account and the security section; deploy refuses it without a terminal unless --require-approval never', async () => {
  await withStandIn(async (standIn, run) => {
    const first = await run([
      'deploy',
      'OrgAudit-LogArchive',
      '--app',
      'v1',
      ...PROFILE_FLAGS,
      '--require-approval',
      'never',
    ]);
    expect(first.code).toBe(0);

    const d = await run(['diff', 'OrgAudit-LogArchive', '--app', 'trust', ...PROFILE_FLAGS]);
    expect(d.stderr).toBe('');
    expect(d.code).toBe(2);
    expect(d.stdout).toBe(
      'OrgAudit-LogArchive: 1 change(s) (stack CREATE_COMPLETE)\n' +
        '  [~] ArchiveRole (ALIYUN::RAM::Role)\n' +
        '      AssumeRolePolicyDocument statement 1 (Allow):\n' +
        `        + principal Service:${ADDED}\n` +
        'Security changes (trust or permissions grow: marked "<- broadens"):\n' +
        '  OrgAudit-LogArchive:\n' +
        `    [+] ArchiveRole (ALIYUN::RAM::Role) trust principal: Service:${ADDED}  <- broadens\n`,
    );

    // deploy: the same section before it acts; --yes without a terminal does not approve trust that grows.
    for (const extra of [[], ['--yes'], ['--require-approval', 'any-change', '--yes']]) {
      const refused = await run(['deploy', 'OrgAudit-LogArchive', '--app', 'trust', ...PROFILE_FLAGS, ...extra]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(
        `  OrgAudit-LogArchive (account ${ARCHIVE}, cn-hangzhou, profile 'archive'): update (1 change(s))\n` +
          'Security changes (trust or permissions grow: marked "<- broadens"):\n' +
          '  OrgAudit-LogArchive:\n' +
          `    [+] ArchiveRole (ALIYUN::RAM::Role) trust principal: Service:${ADDED}  <- broadens\n`,
      );
      expect(refused.stderr).toBe(
        'actiontrail-cdk: deploy refused: trust or permissions grow (the "<- broadens" lines under Security changes) ' +
          'and standard input is not a terminal, so nobody approved them; nothing was deployed. Review the changes (actiontrail-cdk diff), then answer the prompt on a terminal, or pass --require-approval never (--yes does not approve them)\n',
      );
    }
    expect(standIn.calls('UpdateStack')).toHaveLength(0);

    const approved = await run([
      'deploy',
      'OrgAudit-LogArchive',
      '--app',
      'trust',
      ...PROFILE_FLAGS,
      '--require-approval',
      'never',
    ]);
    expect(approved.code).toBe(0);
    expect(standIn.calls('UpdateStack')).toHaveLength(1);
    expect(
      JSON.parse(standIn.liveStack(ARCHIVE, 'OrgAudit-LogArchive')!.template).Resources.ArchiveRole.Properties
        .AssumeRolePolicyDocument.Statement[0].Principal.Service,
    ).toContain(ADDED);

    // Trust that shrinks is not broadening: the default approval lets it go without a terminal, and says what shrinks.
    const narrow = await run(['deploy', 'OrgAudit-LogArchive', '--app', 'narrow', ...PROFILE_FLAGS]);
    expect(narrow.code).toBe(0);
    expect(narrow.stdout).toContain('Security changes (nothing grows):\n');
    expect(narrow.stdout).toContain(`    [-] ArchiveRole (ALIYUN::RAM::Role) trust principal: Service:${ADDED}\n`);
    expect(standIn.calls('UpdateStack')).toHaveLength(2);

    // any-change asks for every change: without a terminal it is refused unless --yes.
    const described = [
      'deploy',
      'OrgAudit-LogArchive',
      '--app',
      'described',
      ...PROFILE_FLAGS,
      '--require-approval',
      'any-change',
    ];
    const anyChange = await run(described);
    expect(anyChange.code).toBe(1);
    expect(anyChange.stderr).toBe(
      'actiontrail-cdk: deploy refused: --require-approval any-change asks before any change and standard input is not a terminal; ' +
        'nothing was deployed. Pass --yes or --require-approval never, or run on a terminal\n',
    );
    expect(standIn.calls('UpdateStack')).toHaveLength(2);
    expect((await run([...described, '--yes'])).code).toBe(0);
    expect(standIn.calls('UpdateStack')).toHaveLength(3);
  });
});

test('the provider ZipFile shows as a sha256 digest with sizes, its code change and the added action in the security section', async () => {
  await withStandIn(async (_standIn, run) => {
    const first = await run([
      'deploy',
      'OrgAudit-Management',
      '--app',
      'v1',
      ...PROFILE_FLAGS,
      '--require-approval',
      'never',
    ]);
    expect(first.code).toBe(0);
    const read = (dir: string): string =>
      JSON.parse(fs.readFileSync(path.join(root, dir, 'OrgAudit-Management.template.json'), 'utf8')).Resources
        .ActionTrailProviderFunction.Properties.Code.ZipFile;
    const [before, after] = [read('v1'), read('code')];

    const d = await run(['diff', 'OrgAudit-Management', '--app', 'code', ...PROFILE_FLAGS]);
    expect(d.code).toBe(2);
    const zip = `sha256:${sha(before)} (${before.length} bytes) -> sha256:${sha(after)} (${after.length} bytes)`;
    expect(d.stdout).toContain(`      Properties.Code.ZipFile: ${zip}\n`);
    // The policy by name and statement, not by list index.
    expect(d.stdout).toMatch(
      /\n {6}Policies 'ActionTrailProviderPolicy-[^']+' PolicyDocument statement 1 \(Allow\):\n {8}\+ action actiontrail:UpdateDeliveryHistoryJob\n/,
    );
    expect(d.stdout).not.toContain('Properties.Policies[0]');
    expect(d.stdout).toContain(
      `    [~] ActionTrailProviderFunction (ALIYUN::FC3::Function) function code: ZipFile ${zip.replace(' -> ', ' -> ZipFile ')}\n`,
    );
    expect(d.stdout).toContain(
      '    [+] ActionTrailProviderRole (ALIYUN::RAM::Role) action: actiontrail:UpdateDeliveryHistoryJob  <- broadens\n',
    );
    // No line carries the code itself.
    expect(d.stdout).not.toContain(before.slice(0, 40));
    expect(d.stdout.split('\n').every((l) => l.length < 400)).toBe(true);
  });
});

test('--json on list and diff: standard output parses and matches the schemas of docs/cli.md; human text goes to standard error', async () => {
  await withStandIn(async (standIn, run) => {
    const list = await run(['list', '--app', 'v1', '--json']);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');
    const listed = JSON.parse(list.stdout);
    expect(validate(listed, documentedSchema('list'))).toEqual([]);
    expect(listed.stacks.map((s: { stack: string }) => s.stack)).toContain('OrgAudit-LogArchive');
    expect(listed.stacks.find((s: { stack: string }) => s.stack === 'OrgAudit-Management')).toMatchObject({
      account: '1111111111111111',
      region: 'cn-hangzhou',
      dependencies: ['OrgAudit-LogArchive'],
    });

    // A new stack, then a changed one, then a blocked one.
    const fresh = await run(['diff', 'OrgAudit-*', '--app', 'v1', ...PROFILE_FLAGS, '--json']);
    expect(fresh.code).toBe(2);
    const freshDoc = JSON.parse(fresh.stdout);
    expect(validate(freshDoc, documentedSchema('diff'))).toEqual([]);
    expect(freshDoc.stacks.map((s: { state: string }) => s.state)).toEqual(['new', 'new']);
    expect(fresh.stderr).toContain('OrgAudit-LogArchive: new stack');

    expect(
      (await run(['deploy', 'OrgAudit-LogArchive', '--app', 'v1', ...PROFILE_FLAGS, '--require-approval', 'never']))
        .code,
    ).toBe(0);
    const changed = await run(['diff', 'OrgAudit-LogArchive', '--app', 'trust', ...PROFILE_FLAGS, '--json']);
    expect(changed.code).toBe(2);
    const doc = JSON.parse(changed.stdout);
    expect(validate(doc, documentedSchema('diff'))).toEqual([]);
    expect(doc).toMatchObject({
      schema: 'actiontrail-cdk/diff',
      version: 1,
      differences: true,
      broadening: true,
      blocked: false,
    });
    expect(doc.stacks[0]).toMatchObject({
      stack: 'OrgAudit-LogArchive',
      account: ARCHIVE,
      state: 'changed',
      status: 'CREATE_COMPLETE',
      resources: [
        {
          logicalId: 'ArchiveRole',
          action: 'Modify',
          changes: [
            {
              path: 'Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service[1]',
              old: null,
              new: JSON.stringify(ADDED),
            },
          ],
        },
      ],
      security: [
        {
          logicalId: 'ArchiveRole',
          kind: 'trust-principal',
          change: 'added',
          value: `Service:${ADDED}`,
          effect: null,
          broadening: true,
        },
      ],
    });
    expect(changed.stderr).toContain('Security changes (trust or permissions grow');

    standIn.liveStack(ARCHIVE, 'OrgAudit-LogArchive')!.status = 'ROLLBACK_COMPLETE';
    const blocked = await run(['diff', 'OrgAudit-LogArchive', '--app', 'v1', ...PROFILE_FLAGS, '--json']);
    expect(blocked.code).toBe(1);
    const blockedDoc = JSON.parse(blocked.stdout);
    expect(validate(blockedDoc, documentedSchema('diff'))).toEqual([]);
    expect(blockedDoc.blocked).toBe(true);
    expect(blockedDoc.stacks[0]).toMatchObject({ state: 'blocked', status: 'ROLLBACK_COMPLETE' });
    expect(blockedDoc.stacks[0].reason).toMatch(/^stack is ROLLBACK_COMPLETE/);

    // An error before the diff's document: the error document instead (cli/test/json-errors.test.ts has more).
    const wrong = await run(['diff', 'Nope', '--app', 'v1', '--json']);
    expect(wrong.code).toBe(1);
    const wrongDoc = JSON.parse(wrong.stdout);
    expect(validate(wrongDoc, documentedSchema('error'))).toEqual([]);
    expect(wrongDoc).toMatchObject({ command: 'diff', exitCode: 1, error: { code: 'unknown-stack' } });
  });
});

test('the validator of these tests rejects what breaks a schema (so the checks above can fail)', () => {
  const schema = documentedSchema('list');
  expect(validate({ schema: 'actiontrail-cdk/list', version: 1, stacks: [] }, schema)).toEqual([]);
  expect(validate({ schema: 'actiontrail-cdk/list', version: 2, stacks: [{ stack: 1 }], extra: true }, schema)).toEqual(
    [
      "$: 'extra' is not in the schema",
      '$.version: is 2, the schema says 1',
      "$.stacks[0]: lacks 'stackName'",
      "$.stacks[0]: lacks 'account'",
      "$.stacks[0]: lacks 'region'",
      "$.stacks[0]: lacks 'dependencies'",
      "$.stacks[0]: lacks 'templateFile'",
      '$.stacks[0].stack: is integer, the schema says string',
    ],
  );
});
