import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors/index.js';
import { message } from '../../shared/i18n/messages.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import { presetPolicy } from '../../shared/policy/presets/index.js';
import { changedSections, type PolicyDocument, parsePolicyDocument } from '../../shared/policy/schema.js';

const { staff: _staff, ...defaults } = defaultIntakePolicy;

function refusal(input: unknown): Record<string, { code: string; params?: Record<string, unknown> }> {
  try {
    parsePolicyDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  throw new Error('the document was accepted');
}

const withCalendar = (calendar: Partial<PolicyDocument['calendar']>) => ({
  ...defaults,
  calendar: { ...defaults.calendar, ...calendar },
});

describe('the policy document schema', () => {
  it('accepts the default policy unchanged', () => {
    expect(parsePolicyDocument(structuredClone(defaults))).toEqual(defaults);
  });

  it('names every bad deadline by its dotted path', () => {
    const fields = refusal({
      ...defaults,
      deadlines: { ...defaults.deadlines, P1: { assign: { minutes: -5 }, firstContact: { hour: 1 } } },
    });
    expect(fields).toEqual({
      'deadlines.P1.assign.minutes': { code: 'must_be_positive' },
      'deadlines.P1.firstContact': { code: 'duration_invalid' },
      'deadlines.P1.resolve': { code: 'required' },
    });
  });

  it('refuses calendar dates that do not exist, ranges backwards, an unknown zone and a working day that ends first', () => {
    const fields = refusal(
      withCalendar({
        timezone: 'Mars/Olympus',
        workday: { start: '18:00', end: '09:00' },
        holidays: [
          { name: 'ok', from: '2027-01-01', to: '2027-01-01' },
          { name: 'typo', from: '2027-02-30', to: '2027-03-01' },
          { name: 'backwards', from: '2027-05-05', to: '2027-05-01' },
        ],
        workdays: ['2027-13-01'],
        weekend: [6, 8],
      }),
    );
    expect(fields).toEqual({
      'calendar.timezone': { code: 'time_zone_invalid' },
      'calendar.workday.end': { code: 'workday_order' },
      'calendar.holidays.1.from': { code: 'date_invalid', params: { date: '2027-02-30' } },
      'calendar.holidays.2.to': { code: 'range_order' },
      'calendar.workdays.0': { code: 'date_invalid', params: { date: '2027-13-01' } },
      'calendar.weekend.1': { code: 'weekday' },
    });
  });

  it('refuses unknown fields, patterns that do not compile, negative thresholds and unknown departments', () => {
    const fields = refusal({
      ...defaults,
      staff: [],
      workflow: { ...defaults.workflow, approvalAmountThreshold: -1, escalationGrce: {} },
      grading: { ...defaults.grading, rules: [{ id: 'x', grade: 'P0', label: 'x', patterns: ['(unclosed'] }] },
      routing: {
        ...defaults.routing,
        departmentByCategory: { ...defaults.routing.departmentByCategory, billing: 'marketing' },
      },
    });
    expect(fields).toMatchObject({
      staff: { code: 'unknown_field' },
      'workflow.approvalAmountThreshold': { code: 'must_not_be_negative' },
      'workflow.escalationGrce': { code: 'unknown_field' },
      'grading.rules.0.grade': { code: 'invalid_option' },
      'grading.rules.0.patterns.0': { code: 'pattern_invalid' },
      'routing.departmentByCategory.billing': { code: 'invalid_option' },
    });
  });

  it('words every policy refusal in Chinese and English', () => {
    const fields = refusal({ ...defaults, statusLinkTtlDays: 0, calendar: { ...defaults.calendar, timezone: 'x' } });
    for (const issue of Object.values(fields)) {
      expect(message('en', issue.code, issue.params)).not.toBe(message('en', 'invalid'));
      expect(message('zh-CN', issue.code, issue.params)).not.toBe(message('zh-CN', 'invalid'));
    }
  });

  it('names the sections a change touches', () => {
    const next = withCalendar({
      holidays: [...defaults.calendar.holidays, { name: 'x', from: '2027-01-04', to: '2027-01-04' }],
    });
    expect(changedSections(defaults, next)).toEqual(['calendar']);
    // Eleven sections since privacy (PRIV) and batch-defect incidents (INC).
    expect(changedSections(undefined, defaults)).toHaveLength(11);
  });
});

describe('the privacy section (PRIV)', () => {
  it('keeps personal data three years after archive by default, and refuses a period that is not whole years', () => {
    expect(defaults.privacy).toEqual({ eraseAfterArchiveYears: 3 });
    expect(Object.keys(refusal({ ...defaults, privacy: { eraseAfterArchiveYears: 1.5 } }))).toEqual([
      'privacy.eraseAfterArchiveYears',
    ]);
    expect(refusal({ ...defaults, privacy: { eraseAfterArchiveYears: 0 } })).toEqual({
      'privacy.eraseAfterArchiveYears': { code: 'must_be_positive' },
    });
  });
});

describe('the sections a new version changes', () => {
  it('counts a section read back in another key order as unchanged', () => {
    const before = presetPolicy('closeloop');
    const reordered = JSON.parse(JSON.stringify(before), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(changedSections(before, reordered)).toEqual([]);
    expect(changedSections(before, { ...reordered, statusLinkTtlDays: 30 })).toEqual(['statusLinkTtlDays']);
  });
});
