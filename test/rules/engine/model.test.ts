import { AuditLevel, AuditReport } from '../../../lib';

describe('model', () => {
  test('levels are the strings the report writes', () => {
    expect(Object.values(AuditLevel)).toEqual(['error', 'warning', 'info']);
  });

  test('a report is plain JSON: version 1, rules, summary, stacks', () => {
    const report: AuditReport = {
      version: 1,
      rules: [],
      summary: { errors: 0, warnings: 0, info: 0, suppressed: 0 },
      stacks: [],
    };
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
