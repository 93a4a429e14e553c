/**
 * The advice after Ctrl-C or a timeout in deploy and destroy: commands that
 * name the run's stacks and repeat the options choosing the cloud assembly and
 * the credentials, each word quoted for a shell, and never a parameter value.
 */
import { parseCliArgs } from '../src/args';
import { resumeAdvice, resumeCommands, shellWord } from '../src/stack-waiter';

const commands = (argv: string[], plan: string[], stack?: string) => {
  const args = parseCliArgs(argv);
  return resumeCommands(args, args.command as 'deploy' | 'destroy', plan, stack);
};

test('shellWord: plain words as they are; others in double quotes, with \\ " $ and ` escaped', () => {
  expect(shellWord('1111111111111111=mgmt')).toBe('1111111111111111=mgmt');
  expect(shellWord('out/cdk.out')).toBe('out/cdk.out');
  expect(shellWord('my app')).toBe('"my app"');
  expect(shellWord(`it's`)).toBe(`"it's"`);
  expect(shellWord('a"b$c`d\\e')).toBe('"a\\"b\\$c\\`d\\\\e"');
  expect(shellWord('*')).toBe('"*"');
});

test('destroy: the plan, --app, every --profile, --region, --exclusively and --force', () => {
  const r = commands(
    [
      'destroy',
      'OrgAudit-*',
      '--app',
      'my out',
      '--profile',
      '3333333333333333=archive',
      '--profile',
      '1111111111111111=mgmt',
      '--region',
      'cn-shanghai',
      '--exclusively',
      '--force',
    ],
    ['OrgAudit-Management', 'OrgAudit-LogArchive'],
    'OrgAudit-Management',
  );
  const options =
    '--app "my out" --profile 3333333333333333=archive --profile 1111111111111111=mgmt --region cn-shanghai';
  expect(r.status).toBe(`npx actiontrail-cdk status OrgAudit-Management ${options}`);
  expect(r.again).toBe(
    `npx actiontrail-cdk destroy OrgAudit-Management OrgAudit-LogArchive ${options} --exclusively --force`,
  );
  expect(r.notRepeated).toEqual([]);
});

test('deploy: --all for a run of every stack, one --profile NAME, and the options not repeated are named', () => {
  const r = commands(
    ['deploy', '--all', '--profile', 'mgmt', '--parameters', 'A:Password=hunter2', '--tags', 'team=sec', '--yes'],
    ['A', 'B'],
  );
  expect(r.status).toBe('npx actiontrail-cdk status A B --profile mgmt');
  expect(r.again).toBe('npx actiontrail-cdk deploy --all --profile mgmt');
  expect(r.notRepeated).toEqual(['--parameters', '--tags']);
  const advice = resumeAdvice('A', 'UPDATE_IN_PROGRESS', r);
  expect(advice).toBe(
    "the UPDATE_IN_PROGRESS operation on stack 'A' keeps running in ROS (nothing was cancelled or deleted). " +
      "Check it with 'npx actiontrail-cdk status A B --profile mgmt', then run 'npx actiontrail-cdk deploy --all --profile mgmt' again " +
      "when it has finished (with this run's --parameters, --tags added: not repeated here).",
  );
  expect(advice).not.toContain('hunter2');
});
