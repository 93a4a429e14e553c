/**
 * RAM policy documents in `diff`, per statement: actions, resources and
 * principals added and removed, statements paired by Sid, equality or common
 * entries, and the property paths they replace; what is not a literal
 * document keeps its path lines.
 */
import { pairStatements, policyDiff, policyDocumentLines } from '../src/policy-diff';

const READ = { Effect: 'Allow', Action: ['odps:Describe*', 'odps:List'], Resource: 'acs:odps:*:*:projects/audit' };
const WRITE = {
  Effect: 'Allow',
  Action: ['odps:CreateTable', 'odps:Write'],
  Resource: 'acs:odps:*:*:projects/audit/*',
};
const DENY = { Effect: 'Deny', Action: 'odps:Drop*', Resource: '*' };
const doc = (...Statement: object[]) => ({ Version: '1', Statement });

describe('pairStatements', () => {
  test('by Sid, then equal, then most entries in common with the same effect; the rest added or removed', () => {
    const olds = [{ ...READ, Sid: 'Read' }, WRITE, DENY];
    const news = [
      { ...DENY, Action: ['odps:Drop*', 'odps:Delete*'] },
      { Sid: 'Read', ...READ, Action: 'odps:List' },
      WRITE,
      { Effect: 'Allow', Action: 'ram:PassRole', Resource: '*' },
    ];
    expect(pairStatements(olds, news)).toEqual([
      [2, 0],
      [0, 1],
      [1, 2],
      [undefined, 3],
    ]);
  });
  test('no entry in common, or another effect: not paired', () => {
    expect(pairStatements([READ], [{ ...READ, Effect: 'Deny' }])).toEqual([
      [undefined, 0],
      [0, undefined],
    ]);
    expect(pairStatements([READ], [WRITE])).toEqual([
      [undefined, 0],
      [0, undefined],
    ]);
  });
  test('a tie goes to the nearest position', () => {
    const a = { Effect: 'Allow', Action: 'x:A', Resource: 'r1' };
    const b = { Effect: 'Allow', Action: 'x:A', Resource: 'r2' };
    const c = { Effect: 'Allow', Action: 'x:A', Resource: 'r3' };
    expect(pairStatements([a, b], [c, c])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});

describe('policyDocumentLines', () => {
  test('an action inserted first and a resource changed: one statement, its entries, not every index', () => {
    const before = doc(READ, WRITE);
    const after = doc(READ, {
      ...WRITE,
      Action: ['odps:Drop', 'odps:CreateTable', 'odps:Write'],
      Resource: 'acs:odps:*:*:projects/audit/tables/*',
    });
    expect(policyDocumentLines('PolicyDocument', before, after)).toEqual([
      'PolicyDocument statement 2 (Allow):',
      '  + action odps:Drop',
      '  + resource acs:odps:*:*:projects/audit/tables/*',
      '  - resource acs:odps:*:*:projects/audit/*',
    ]);
  });
  test('statements added and removed, with their Sid and effect; the Version; a condition by path', () => {
    const before = doc(READ, DENY);
    const after = {
      Version: '2',
      Statement: [
        { ...READ, Condition: { StringEquals: { 'acs:SourceIp': '10.0.0.1' } } },
        { Sid: 'Pass', Effect: 'Allow', Action: 'ram:PassRole', Resource: '*' },
      ],
    };
    expect(policyDocumentLines('PolicyDocument', before, after)).toEqual([
      'PolicyDocument.Version: "1" -> "2"',
      'PolicyDocument statement 1 (Allow):',
      '  Condition: (absent) -> {"StringEquals":{"acs:SourceIp":"10.0.0.1"}}',
      'PolicyDocument statement 2 "Pass" (Allow) added:',
      '  + action ram:PassRole',
      '  + resource *',
      'PolicyDocument statement 2 (Deny) removed:',
      '  - action odps:Drop*',
      '  - resource *',
    ]);
  });
  test('an effect changed under the same Sid; the same entries in another order', () => {
    expect(policyDocumentLines('P', doc({ Sid: 'S', ...READ }), doc({ Sid: 'S', ...READ, Effect: 'Deny' }))).toEqual([
      'P statement 1 "S" (Deny):',
      '  effect: Allow -> Deny',
    ]);
    expect(policyDocumentLines('P', doc(READ), doc({ ...READ, Action: ['odps:List', 'odps:Describe*'] }))).toEqual([
      'P statement 1 (Allow):',
      '  Action: the same entries in another order',
    ]);
    expect(policyDocumentLines('P', doc(READ, WRITE), doc(WRITE, READ))).toEqual([
      'P: the same statements in another order',
    ]);
    expect(policyDocumentLines('P', doc(READ), doc(READ))).toEqual([]);
  });
  test('a document that is a ROS function, or a statement that is: undefined (the path lines stay)', () => {
    expect(policyDocumentLines('P', doc(READ), { 'Fn::If': ['c', doc(READ), doc(WRITE)] })).toBeUndefined();
    expect(policyDocumentLines('P', { Statement: [{ 'Fn::If': ['c', READ, WRITE] }] }, doc(READ))).toBeUndefined();
  });
});

describe('policyDiff', () => {
  test("a role's trust principal and inline policies by name: added, removed, changed, a field besides the document", () => {
    const trust = (...services: string[]) =>
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: services } });
    const before = {
      RoleName: 'archive',
      AssumeRolePolicyDocument: trust('actiontrail.aliyuncs.com'),
      Policies: [
        { PolicyName: 'read', PolicyDocument: doc(READ) },
        { PolicyName: 'old', PolicyDocument: doc(DENY) },
      ],
    };
    const after = {
      RoleName: 'archive',
      AssumeRolePolicyDocument: trust('actiontrail.aliyuncs.com', '4444444444444444@actiontrail.aliyuncs.com'),
      Policies: [
        { PolicyName: 'write', PolicyDocument: doc(WRITE) },
        { PolicyName: 'read', PolicyDocument: doc({ ...READ, Action: 'odps:List' }), Description: 'reads' },
      ],
    };
    expect(policyDiff('ALIYUN::RAM::Role', before, after)).toEqual({
      covered: ['Properties.AssumeRolePolicyDocument', 'Properties.Policies'],
      lines: [
        'AssumeRolePolicyDocument statement 1 (Allow):',
        '  + principal Service:4444444444444444@actiontrail.aliyuncs.com',
        "Policies 'write': added",
        "Policies 'write' PolicyDocument statement 1 (Allow) added:",
        '  + action odps:CreateTable',
        '  + action odps:Write',
        '  + resource acs:odps:*:*:projects/audit/*',
        'Policies \'read\'.Description: (absent) -> "reads"',
        "Policies 'read' PolicyDocument statement 1 (Allow):",
        '  - action odps:Describe*',
        "Policies 'old': removed",
        "Policies 'old' PolicyDocument statement 1 (Deny) removed:",
        '  - action odps:Drop*',
        '  - resource *',
      ],
    });
  });
  test("a managed policy's document; another type, no change, or inline policies it cannot read: undefined", () => {
    expect(
      policyDiff('ALIYUN::RAM::ManagedPolicy', { PolicyDocument: doc(READ) }, { PolicyDocument: doc(READ, DENY) }),
    ).toEqual({
      covered: ['Properties.PolicyDocument'],
      lines: ['PolicyDocument statement 2 (Deny) added:', '  + action odps:Drop*', '  + resource *'],
    });
    expect(
      policyDiff('ALIYUN::OSS::Bucket', { PolicyDocument: doc(READ) }, { PolicyDocument: doc(WRITE) }),
    ).toBeUndefined();
    expect(
      policyDiff(
        'ALIYUN::RAM::ManagedPolicy',
        { PolicyDocument: doc(READ) },
        { PolicyDocument: doc(READ), Description: 'x' },
      ),
    ).toBeUndefined();
    // Two policies of one name, or a policy document that is a ROS function: the path lines stay.
    const twice = {
      Policies: [
        { PolicyName: 'p', PolicyDocument: doc(READ) },
        { PolicyName: 'p', PolicyDocument: doc(WRITE) },
      ],
    };
    expect(policyDiff('ALIYUN::RAM::User', { Policies: [] }, twice)).toBeUndefined();
    const fn = { Policies: [{ PolicyName: 'p', PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } }] };
    expect(
      policyDiff('ALIYUN::RAM::Group', { Policies: [{ PolicyName: 'p', PolicyDocument: doc(READ) }] }, fn),
    ).toBeUndefined();
  });
});

describe('reorders and rewrites said as what they are', () => {
  test('inline policies only reordered: said, not silent', () => {
    const a = { PolicyName: 'a', PolicyDocument: doc(READ) };
    const b = { PolicyName: 'b', PolicyDocument: doc(WRITE) };
    expect(policyDiff('ALIYUN::RAM::Role', { Policies: [a, b] }, { Policies: [b, a] })).toEqual({
      covered: ['Properties.Policies'],
      lines: ['Policies: the same policies in another order'],
    });
  });

  test('a Condition that stays with its statement while both statements change is not shown as moved', () => {
    const cond = { StringEquals: { 'acs:SourceIp': '10.0.0.0/8' } };
    const guarded = { ...WRITE, Condition: cond };
    const open = { ...WRITE };
    const before = doc(guarded, open);
    // Both gain an action; their order swaps.
    const after = doc(
      { ...open, Action: [...WRITE.Action, 'odps:Read'] },
      { ...guarded, Action: [...WRITE.Action, 'odps:Update'] },
    );
    expect(pairStatements(before.Statement as never, after.Statement as never)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const lines = policyDocumentLines('P', before, after) as string[];
    expect(lines.join('\n')).not.toMatch(/Condition/);
    expect(lines).toEqual([
      'P statement 1 (Allow):',
      '  + action odps:Read',
      'P statement 2 (Allow):',
      '  + action odps:Update',
    ]);
  });

  test('a value written as a list, a duplicate dropped, an omitted Effect written: not called another order', () => {
    const one = { Effect: 'Allow', Action: 'odps:List', Resource: '*' };
    expect(policyDocumentLines('P', doc(one), doc({ ...one, Action: ['odps:List'] }))).toEqual([
      'P statement 1 (Allow):',
      '  Action: "odps:List" -> ["odps:List"]: one entry written as a list (the same meaning)',
    ]);
    expect(
      policyDocumentLines(
        'P',
        doc({ ...one, Action: ['odps:List', 'odps:Get', 'odps:List'] }),
        doc({ ...one, Action: ['odps:List', 'odps:Get'] }),
      ),
    ).toEqual(['P statement 1 (Allow):', '  Action: duplicate entries removed (odps:List) (the same meaning)']);
    const { Effect: _omitted, ...noEffect } = one;
    expect(policyDocumentLines('P', doc(noEffect), doc(one))).toEqual([
      'P statement 1 (Allow):',
      '  Effect: (omitted) -> "Allow" (Allow is the default: the same meaning)',
    ]);
    expect(policyDocumentLines('P', { Version: '1', Statement: one }, doc(one))).toEqual([
      'P: the one statement written as a list (the same meaning)',
    ]);
    const lines = [
      ...(policyDocumentLines('P', doc(one), doc({ ...one, Action: ['odps:List'] })) as string[]),
      ...(policyDocumentLines('P', doc(noEffect), doc(one)) as string[]),
    ];
    expect(lines.join('\n')).not.toContain('another order');
  });

  test('a Principal that is a ROS function: undefined (the path lines stay), not "+ principal Fn::If:..."', () => {
    const trust = (Principal: unknown) => doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal });
    const fnIf = { 'Fn::If': ['IsProd', { RAM: ['acs:ram::1:root'] }, { RAM: ['acs:ram::2:root'] }] };
    expect(
      policyDocumentLines('AssumeRolePolicyDocument', trust({ RAM: ['acs:ram::1:root'] }), trust(fnIf)),
    ).toBeUndefined();
    expect(
      policyDiff(
        'ALIYUN::RAM::Role',
        { AssumeRolePolicyDocument: trust({ RAM: ['acs:ram::1:root'] }) },
        { AssumeRolePolicyDocument: trust(fnIf) },
      ),
    ).toBeUndefined();
    expect(
      policyDocumentLines('P', trust({ RAM: ['acs:ram::1:root'] }), trust({ RAM: [{ Ref: 'Trusted' }] })),
    ).toBeUndefined();
  });
});
