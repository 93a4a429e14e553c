/**
 * "Did you mean" for stack names: the edit distance (case ignored, a swap of
 * two adjacent characters counts 1), which names count as typos, and the hint
 * `selectStacks` puts in its error: close names, then the stacks when few.
 */
import { AssemblyStack } from '../src/assembly';
import { UsageError } from '../src/errors';
import { MAX_STACKS_LISTED, selectStacks, unknownStackHint } from '../src/plan';
import { closeNames, nameDistance, quotedAlternatives, typoBudget } from '../src/suggest';

const stack = (id: string, stackName = id): AssemblyStack => ({
  id,
  stackName,
  templateFile: `${id}.template.json`,
  templateBody: '{}',
  template: {},
  dependencies: [],
});

const ORG = ['OrgAudit-LogArchive', 'OrgAudit-Management', 'Member-Extra'];

describe('nameDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['Audit', 'audit', 0],
    ['ORGAUDIT-MANAGEMENT', 'OrgAudit-Management', 0],
    ['kitten', 'sitting', 3],
    ['OrgAudit-Managment', 'OrgAudit-Management', 1],
    ['OrgAudit-Mangaement', 'OrgAudit-Management', 1],
    ['ab', 'ba', 1],
    ['abc', 'ca', 3],
  ])('%j to %j is %d', (a, b, d) => {
    expect(nameDistance(a, b)).toBe(d);
    expect(nameDistance(b, a)).toBe(d);
  });
});

test('typoBudget: a third of the length, at least 1, at most 3', () => {
  expect([1, 2, 5, 6, 9, 12, 40].map((n) => typoBudget('x'.repeat(n)))).toEqual([1, 1, 1, 2, 3, 3, 3]);
});

describe('closeNames', () => {
  test('a typo, a swap, another case: the one stack', () => {
    expect(closeNames('OrgAudit-Managment', ORG)).toEqual(['OrgAudit-Management']);
    expect(closeNames('OrgAudit-LogArhcive', ORG)).toEqual(['OrgAudit-LogArchive']);
    expect(closeNames('orgaudit-management', ORG)).toEqual(['OrgAudit-Management']);
    expect(closeNames('member-extr', ORG)).toEqual(['Member-Extra']);
  });
  test('only the closest, all of those tied, in the order given and each once', () => {
    expect(closeNames('Audit-C', ['Audit-A', 'Audit-B', 'Audit-A', 'Audit-CC'])).toEqual([
      'Audit-A',
      'Audit-B',
      'Audit-CC',
    ]);
    expect(closeNames('Audit-A2', ['Audit-A', 'Audit-B'])).toEqual(['Audit-A']);
  });
  test('nothing for a name far from every candidate (3 edits is the most), or one that keeps nothing of the name', () => {
    expect(closeNames('Nope', ORG)).toEqual([]);
    expect(closeNames('Management', ORG)).toEqual([]);
    expect(closeNames('OrgAudit-Archive', ORG)).toEqual(['OrgAudit-LogArchive']);
    expect(closeNames('Z', ['C', 'B'])).toEqual([]);
    expect(closeNames('z', ['Z'])).toEqual(['Z']);
    expect(closeNames('anything', [])).toEqual([]);
  });
});

test('quotedAlternatives', () => {
  expect(quotedAlternatives([])).toBe('');
  expect(quotedAlternatives(['A'])).toBe("'A'");
  expect(quotedAlternatives(['A', 'B'])).toBe("'A' or 'B'");
  expect(quotedAlternatives(['A', 'B', 'C'])).toBe("'A', 'B' or 'C'");
});

describe('selectStacks: the unknown name error', () => {
  const all = ORG.map((id) => stack(id));
  const error = (names: string[], stacks = all): UsageError => {
    try {
      selectStacks(stacks, names);
    } catch (e) {
      return e as UsageError;
    }
    throw new Error('selectStacks did not throw');
  };

  test('a typo: did you mean, then the stacks; a usage error of kind unknown-stack', () => {
    const e = error(['OrgAudit-Managment']);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.exitCode).toBe(2);
    expect(e.kind).toBe('unknown-stack');
    expect(e.message).toBe(
      "no stack 'OrgAudit-Managment' in the cloud assembly (did you mean 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management, Member-Extra",
    );
  });
  test('no close name: the stacks only, as before', () => {
    expect(error(['Nope']).message).toBe(
      "no stack 'Nope' in the cloud assembly; it holds: OrgAudit-LogArchive, OrgAudit-Management, Member-Extra",
    );
  });
  test('a stack name that differs from its artifact ID is suggested as itself', () => {
    const e = error(['prod-trial'], [stack('Audit', 'prod-trail'), stack('Other')]);
    expect(e.message).toBe(
      "no stack 'prod-trial' in the cloud assembly (did you mean 'prod-trail'?); it holds: Audit, Other",
    );
  });
  test('a glob that matches nothing: the stacks it matches ignoring case', () => {
    const e = error(['orgaudit-*']);
    expect(e.kind).toBe('unknown-stack');
    expect(e.message).toBe(
      "'orgaudit-*' matches no stack in the cloud assembly (did you mean 'OrgAudit-LogArchive' or 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management, Member-Extra",
    );
    expect(error(['Nothing-*']).message).toBe(
      "'Nothing-*' matches no stack in the cloud assembly; it holds: OrgAudit-LogArchive, OrgAudit-Management, Member-Extra",
    );
  });
  test(`more than ${MAX_STACKS_LISTED} stacks: counted, not listed; at most 3 suggestions`, () => {
    const many = Array.from({ length: MAX_STACKS_LISTED + 1 }, (_, i) => stack(`Member-${String(i).padStart(2, '0')}`));
    expect(unknownStackHint(many, 'Member-0x')).toBe(
      ` (did you mean 'Member-00', 'Member-01' or 'Member-02'?); it holds ${MAX_STACKS_LISTED + 1} stacks ('actiontrail-cdk list' names them)`,
    );
    const ten = many.slice(0, MAX_STACKS_LISTED);
    expect(unknownStackHint(ten, 'Nope')).toBe(`; it holds: ${ten.map((s) => s.id).join(', ')}`);
  });
});
