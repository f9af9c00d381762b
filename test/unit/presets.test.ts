import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { GRADES, LOCALES } from '../../shared/model/complaint.js';
import { defaultIntakePolicy, loadIntakePolicy } from '../../shared/policy/intake-policy.js';
import { PRESET_NAMES, PRESETS, presetPolicy } from '../../shared/policy/presets/index.js';
import { closingRule } from '../../shared/workflow/plan.js';
import { gradeBadge } from '../../web/console/queue-page.js';

const calendar = createCalendar(defaultIntakePolicy.calendar);
/** Monday 2026-11-30 10:00 Beijing time: a working morning, so clock and working time agree for hours. */
const monday = new Date('2026-11-30T02:00:00.000Z');
const after = (iso: string) => (new Date(iso).getTime() - monday.getTime()) / 60_000;

/** The minutes from receipt to each deadline of a grade under a preset, as a complaint would get them. */
function minutes(name: (typeof PRESET_NAMES)[number], grade: (typeof GRADES)[number]) {
  const d = computeDeadlines(monday, grade, presetPolicy(name).deadlines, calendar);
  return {
    assign: after(d.assign),
    firstContact: after(d.firstContact),
    solution: d.solution ? after(d.solution) : undefined,
    resolve: after(d.resolve),
  };
}

describe('the presets from the reference documents', () => {
  it('lists one preset per reference table and one for the defaults, each titled in both languages', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(['closeloop', 'ref-000', 'ref-001', 'ref-002', 'ref-004']);
    for (const p of PRESETS) {
      expect(p.title['zh-CN'] && p.title.en && p.summary['zh-CN'] && p.summary.en).toBeTruthy();
      expect(p.source).toBeTruthy();
    }
  });

  it('is a complete policy document: every section but the staff, every grade with its deadlines and names', () => {
    const sections = Object.keys(defaultIntakePolicy).filter((k) => k !== 'staff');
    for (const name of PRESET_NAMES) {
      const doc = presetPolicy(name);
      expect(Object.keys(doc).sort(), name).toEqual([...sections, 'gradeNames'].sort());
      for (const grade of GRADES) {
        const row = doc.deadlines[grade];
        expect(row.assign && row.firstContact && row.resolve, `${name} ${grade}`).toBeTruthy();
        for (const locale of LOCALES)
          expect(doc.gradeNames?.[grade][locale], `${name} ${grade} ${locale}`).toBeTruthy();
      }
    }
  });

  it('keeps each grade’s steps in order: assigned, then contacted, then a solution, then resolved', () => {
    for (const name of PRESET_NAMES) {
      for (const grade of GRADES) {
        const m = minutes(name, grade);
        expect(m.assign, `${name} ${grade}`).toBeLessThanOrEqual(m.firstContact);
        expect(m.firstContact, `${name} ${grade}`).toBeLessThanOrEqual(m.solution ?? m.resolve);
        expect(m.solution ?? m.resolve, `${name} ${grade}`).toBeLessThanOrEqual(m.resolve);
      }
    }
  });

  it('gives a P1 complaint a solution step in every preset, so its solution is always approved', () => {
    for (const name of PRESET_NAMES) expect(presetPolicy(name).deadlines.P1.solution, name).toBeDefined();
  });

  it('pins the figures that tell the presets apart', () => {
    // The defaults: P1 assigned in 15 min, contacted in 1 h; P3 contacted within 1 working day.
    expect(minutes('closeloop', 'P1')).toMatchObject({ assign: 15, firstContact: 60, solution: 120, resolve: 1440 });
    expect(presetPolicy('closeloop').deadlines.P3.firstContact).toEqual({ workingDays: 1 });
    // 000: registered in 10 min / 30 min / 2 h by tier, every tier contacted within 4 h, solution 24 h, 48 h at most.
    expect([minutes('ref-000', 'P1').assign, minutes('ref-000', 'P2').assign, minutes('ref-000', 'P3').assign]).toEqual(
      [10, 30, 120],
    );
    for (const grade of GRADES) expect(minutes('ref-000', grade).firstContact).toBe(240);
    expect(minutes('ref-000', 'P1')).toMatchObject({ solution: 1440, resolve: 2880 });
    expect(presetPolicy('ref-000').workflow.resultWithin).toEqual({ hours: 2 });
    // 001: respond in 1 / 2 / 4 h; level 1 solution in 24 h, level 2 done in 48 h, level 3 closed in 72 h.
    expect(GRADES.map((g) => minutes('ref-001', g).firstContact)).toEqual([60, 120, 240, 240]);
    expect(minutes('ref-001', 'P1').solution).toBe(1440);
    expect([minutes('ref-001', 'P2').resolve, minutes('ref-001', 'P3').resolve]).toEqual([2880, 4320]);
    // 002: respond in 2 / 4 / 8 / 24 h, resolve in 24 / 48 / 72 h / 7 days, acknowledged within 1 h.
    expect(GRADES.map((g) => minutes('ref-002', g).firstContact)).toEqual([120, 240, 480, 1440]);
    expect(GRADES.map((g) => minutes('ref-002', g).resolve)).toEqual([1440, 2880, 4320, 7 * 1440]);
    expect(GRADES.map((g) => minutes('ref-002', g).assign)).toEqual([60, 60, 60, 60]);
    // 004: level III respond in 15 min and plan in 2 h; level II respond in 12 h, solve in 48 h; level I solve in 24 h.
    expect(minutes('ref-004', 'P1')).toMatchObject({ firstContact: 15, solution: 120, resolve: 2880 });
    expect(minutes('ref-004', 'P2')).toMatchObject({ firstContact: 720, resolve: 2880 });
    expect(minutes('ref-004', 'P3').resolve).toBe(1440);
  });

  it('names the grades as each document does', () => {
    const names = (name: (typeof PRESET_NAMES)[number]) =>
      GRADES.map((g) => presetPolicy(name).gradeNames?.[g]['zh-CN']);
    expect(names('ref-000')).toEqual(['特急', '紧急', '普通', '普通']);
    expect(names('ref-001')).toEqual(['一级（紧急）', '二级（重要）', '三级（常规）', '三级（常规）']);
    expect(names('ref-002')).toEqual(['紧急', '高', '中', '低']);
    expect(names('ref-004')).toEqual(['Ⅲ级（重大）', 'Ⅱ级（严重）', 'Ⅰ级（一般）', 'Ⅰ级（一般）']);
    expect(presetPolicy('ref-004').gradeNames?.P1.en).toBe('level III (major)');
  });

  it('closes only on the customer’s confirmation under 002, and after three silent working days elsewhere', () => {
    expect(closingRule(presetPolicy('ref-002').workflow)).toEqual({ customerConfirms: true });
    for (const name of PRESET_NAMES.filter((n) => n !== 'ref-002')) {
      expect(closingRule(presetPolicy(name).workflow), name).toEqual({ afterSilence: { workingDays: 3 } });
    }
  });

  it('starts the defaults preset as exactly today’s default policy', () => {
    const { staff: _staff, ...defaults } = defaultIntakePolicy;
    const { gradeNames: _names, ...preset } = presetPolicy('closeloop');
    expect({ ...preset, workflow: { ...preset.workflow, closing: undefined } }).toEqual({
      ...defaults,
      workflow: { ...defaults.workflow, closing: undefined },
    });
    expect(closingRule(defaultIntakePolicy.workflow)).toEqual(closingRule(preset.workflow));
  });

  it('runs as the local seed: CLOSELOOP_POLICY carries a whole preset, grade names and closing rule included', () => {
    const loaded = loadIntakePolicy(JSON.stringify(presetPolicy('ref-002')));
    expect(loaded.deadlines.P4.resolve).toEqual({ days: 7 });
    expect(loaded.gradeNames?.P2.en).toBe('high');
    expect(loaded.workflow.closing).toEqual({ customerConfirms: true });
  });

  it('hands out a copy: editing a preset before saving it leaves the preset as it was', () => {
    const doc = presetPolicy('ref-000');
    doc.deadlines.P1.assign = { minutes: 99 };
    expect(presetPolicy('ref-000').deadlines.P1.assign).toEqual({ minutes: 10 });
  });

  it('shows staff the grade by the preset’s name in the console, escaped, and by the built-in label without one', () => {
    const names = presetPolicy('ref-004').gradeNames;
    expect(String(gradeBadge('P1', 'zh-CN', names))).toContain('Ⅲ级（重大）');
    expect(String(gradeBadge('P2', 'en', names))).toContain('level II (serious)');
    expect(String(gradeBadge('P1', 'en', undefined))).toContain('critical');
    const hostile = { ...names!, P3: { 'zh-CN': '<b>x</b>', en: '<b>x</b>' } };
    expect(String(gradeBadge('P3', 'en', hostile))).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
