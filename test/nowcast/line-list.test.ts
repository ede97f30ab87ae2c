import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { suggestMaxDelay, validateCaseRows } from '../../src/nowcast/line-list.ts';

const rows = [
  { line: 2, event: '2024-01-01', report: '2024-03-01' },
  { line: 3, event: '2024-02-30', report: '2024-03-01' },
  { line: 4, event: '2024-03-05', report: '2024-03-01' },
  { line: 5, event: '2024-03-05', report: '2024-07-01' },
  { line: 6, event: '2024-01-01T10:00:00', report: 'soon' },
  { line: 7, event: '2024-02-01', report: '2024-02-15 09:30' },
];
const opts = { file: 'cases.csv', now: '2024-06-30', eventField: 'offence', reportField: 'verdict' };

describe('line list validation', () => {
  it('fails with every bad line, its field and what is wrong', () => {
    try {
      validateCaseRows(rows, { ...opts, onBad: 'fail' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BadInputError);
      const issues = (err as BadInputError).issues;
      // Line 5, reported after now, is not bad input: it was not yet known on that date.
      expect(issues.map((i) => i.line)).toEqual([3, 4, 6]);
      expect(issues[0]).toMatchObject({ file: 'cases.csv', field: 'offence' });
      expect(issues[1]!.message).toMatch(/before the event/);
      expect(issues[2]).toMatchObject({ field: 'verdict' });
    }
  });
  it('skips them on request and counts them', () => {
    const v = validateCaseRows(rows, { ...opts, onBad: 'skip' });
    expect(v.cases.length).toBe(2);
    expect(v.skipped).toBe(3);
    expect(v.afterNow).toBe(1);
  });
  it('counts and leaves out the rows reported after now, whatever their event date', () => {
    const whole = [
      { line: 2, event: '2024-06-01', report: '2024-06-30' },
      { line: 3, event: '2024-06-01', report: '2024-07-01' },
      { line: 4, event: '2024-07-02', report: '2024-07-03' },
    ];
    const v = validateCaseRows(whole, { ...opts, onBad: 'fail' });
    expect(v).toMatchObject({ skipped: 0, afterNow: 2, issues: [] });
    expect(v.cases.length).toBe(1);
    // Without a now every row is known.
    expect(validateCaseRows(whole, { ...opts, now: undefined, onBad: 'fail' }).afterNow).toBe(0);
  });
  it('suggests the 99th percentile of delays as the maximum delay', () => {
    const cases = Array.from({ length: 200 }, (_, i) => ({ event: 0, report: i < 198 ? 40 : 400 }));
    expect(suggestMaxDelay(cases, 'month')).toBe(1);
  });
});
