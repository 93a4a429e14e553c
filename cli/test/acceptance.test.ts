/**
 * Issue 11's "done when", as a test: against the stand-in, on the examples'
 * cloud assembly written by `npm run synth`'s script (scripts/synth.js),
 *
 *   npx actiontrail-cdk deploy OrgAudit-Management --app cdk.out \
 *     --profile 3333333333333333=archive --profile 1111111111111111=mgmt --require-approval never
 *
 * creates OrgAudit-LogArchive with the archive credentials, then
 * OrgAudit-Management with the management ones, each with its exact template,
 * prints the outputs and exits 0; `status` then reports the trail org_audit
 * as logging.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { ACCOUNTS_BY_KEY, PROFILES, runCli, secrets, tempHome, synthExamples } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

let project: string;
let standIn: CloudStandIn;
let endpoint: string;
let creds: { home: string; credentialsFile: string };

beforeAll(async () => {
  project = tempDir('atcdk-project-');
  synthExamples(path.join(project, 'cdk.out'));
  creds = tempHome();
  standIn = new CloudStandIn(ACCOUNTS_BY_KEY);
  endpoint = await standIn.start();
});

afterAll(async () => {
  await standIn?.stop();
});

const PROFILE_FLAGS = ['--profile', '3333333333333333=archive', '--profile', '1111111111111111=mgmt'];

test('deploy OrgAudit-Management deploys the log archive first, each with its own account and exact template, prints the outputs, exits 0', async () => {
  // The stacks create roles that trust other accounts: without a terminal, --yes does not approve that.
  const refused = await runCli(['deploy', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--yes'], {
    endpoint,
    cwd: project,
    ...creds,
  });
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/Security changes \(trust or permissions grow[^\n]*\n/);
  expect(refused.stderr).toContain('pass --require-approval never');
  expect(standIn.calls('CreateStack')).toHaveLength(0);
  standIn.requests.length = 0;

  const run = await runCli(
    ['deploy', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--require-approval', 'never'],
    {
      endpoint,
      cwd: project,
      ...creds,
    },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);

  const creates = standIn.calls('CreateStack');
  expect(creates.map((r) => [r.params.StackName, r.accessKeyId, r.account, r.params.RegionId])).toEqual([
    ['OrgAudit-LogArchive', PROFILES.archive.id, '3333333333333333', 'cn-hangzhou'],
    ['OrgAudit-Management', PROFILES.mgmt.id, '1111111111111111', 'cn-hangzhou'],
  ]);
  for (const c of creates) {
    expect(c.params.TemplateBody).toBe(
      fs.readFileSync(path.join(project, 'cdk.out', `${c.params.StackName}.template.json`), 'utf8'),
    );
  }
  // The management stack is created only after the log archive completed.
  const actions = standIn.requests.map((r) => `${r.action}:${r.params.StackName ?? r.params.StackId ?? ''}`);
  const archiveDone = standIn.stacks.find((s) => s.name === 'OrgAudit-LogArchive')!;
  const lastArchivePoll = actions.lastIndexOf(`GetStack:${archiveDone.id}`);
  expect(actions.indexOf('CreateStack:OrgAudit-Management')).toBeGreaterThan(lastArchivePoll);
  // Both accounts were checked with STS before the first stack was created.
  const identities = standIn.requests.filter((r) => r.action === 'GetCallerIdentity').map((r) => r.account);
  expect(identities).toEqual(['3333333333333333', '1111111111111111']);
  expect(standIn.requests.findIndex((r) => r.action === 'CreateStack')).toBeGreaterThan(
    standIn.requests.findIndex((r) => r.account === '1111111111111111' && r.action === 'GetCallerIdentity'),
  );

  expect(run.stdout).toContain(
    'Outputs:\n' +
      '  OrgAudit-LogArchive.ArchiveProjectArn = acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_3333333333333333\n' +
      '  OrgAudit-LogArchive.ArchiveRoleArn = acs:ram::3333333333333333:role/ActionTrailDeliveryRole\n',
  );
  expect(run.stdout).toContain('OrgAudit-Management | OrganizationTrail | Custom::ActionTrailTrail | CREATE_COMPLETE');
  expect(run.stdout).toMatch(/Deployed 2 stack\(s\): OrgAudit-LogArchive, OrgAudit-Management\n$/);
  for (const s of secrets()) expect(run.stdout + run.stderr).not.toContain(s);
});

test('status then reports the trail org_audit as logging', async () => {
  const run = await runCli(['status', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS], {
    endpoint,
    cwd: project,
    ...creds,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('OrgAudit-Management: CREATE_COMPLETE (account 1111111111111111, cn-hangzhou)');
  expect(run.stdout).toContain(
    '  trail org_audit (multi-account): logging, status Enable, latest delivery 2026-11-29T21:00:00Z, latest delivery error none',
  );
  const statusCall = standIn.calls('GetTrailStatus').at(-1)!;
  expect([statusCall.account, statusCall.params.Name, statusCall.params.IsOrganizationTrail]).toEqual([
    '1111111111111111',
    'org_audit',
    'true',
  ]);
});
