import { describe, expect, it } from 'vitest';
import { ConcurrentUpdateError, ValidationError } from '../../shared/errors/index.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { type DryRunRecord, documentOf, dryRunPolicy } from '../../shared/usecases/policy-dry-run.js';
import type { ConsoleView } from '../../web/console/layout.js';
import { consolePage } from '../../web/console/layout.js';
import {
  documentText,
  type PolicyPageDeps,
  policyPageState,
  renderPolicyPage,
  rollbackPosted,
  savePostedPolicy,
} from '../../web/console/policy-page.js';
import { consoleViewFor, NO_COUNTDOWN } from '../support/console-view.js';
import { firstStartVersion, MemoryPolicyStore } from '../support/memory-policy-store.js';
import { demoMember } from '../support/staff.js';

const manager = demoMember('manager.sun');
const now = new Date('2026-12-01T02:00:00.000Z');
const document: PolicyDocument = documentOf(defaultIntakePolicy);
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

const viewFor = (member: StaffMember, locale: ConsoleView['locale'] = 'en') =>
  consoleViewFor(member, { now, locale, path: '/console/policy', left: NO_COUNTDOWN });

const seed = firstStartVersion(document);

function depsWith(records: DryRunRecord[] = []): PolicyPageDeps & { policies: MemoryPolicyStore } {
  return {
    policies: new MemoryPolicyStore([seed]),
    clock: { now: () => now },
    presets: {
      names: () => ['000'],
      document: (name) =>
        name === '000'
          ? {
              ...document,
              deadlines: { ...document.deadlines, P1: { ...document.deadlines.P1, assign: { minutes: 10 } } },
            }
          : undefined,
    },
    dryRuns: {
      get: async (id, staffId) => records.find((r) => r.id === id && r.staffId === staffId),
    },
  };
}

const milderP1 = {
  ...document,
  deadlines: { ...document.deadlines, P1: { ...document.deadlines.P1, resolve: { hours: 48 } } },
};
const saveForm = (extra: Record<string, string> = {}) => ({
  policy: JSON.stringify(milderP1),
  reason: 'P1 resolution in 48 h, as agreed with quality',
  basedOn: '1',
  ...extra,
});

describe('the policy page', () => {
  it('shows the version in force as tables: deadlines per grade, calendar, workflow, threshold and rule counts', async () => {
    const state = await policyPageState(depsWith(), {});
    const page = renderPolicyPage(viewFor(manager), state);
    expect(page).toContain('Version 1 in force');
    expect(page).toContain('the system (first start)');
    expect(page).toMatch(
      /P1 <span class="cl-small">[^<]*<\/span><\/span><\/td>\s*<td data-label="Owner assigned">15 min<\/td>/,
    );
    expect(page).toContain('1 working day');
    expect(page).toContain('Asia/Shanghai');
    expect(page).toContain(`<td data-label="From">${document.calendar.holidays[0]!.from}</td>`);
    expect(page).toContain('CNY 1,000.00');
    expect(page).toContain(`<dt>Grading rules</dt><dd>${document.grading.rules.length}</dd>`);
    // The editor starts from the version in force, based on it.
    expect(page).toContain('name="basedOn" value="1"');
    expect(page).toContain('formaction="/console/policy/dry-run"');
    expect(page).toContain('name="csrf" value="csrf-token-123"');
  });

  it('reads in Chinese for a Chinese reader', async () => {
    const page = renderPolicyPage(viewFor(manager, 'zh-CN'), await policyPageState(depsWith(), {}));
    expect(page).toContain('当前生效：第 1 版');
    expect(page).toContain('1 个工作日');
    expect(page).toContain('试运行');
  });

  it('loads a preset into the editor, remembering which', async () => {
    const state = await policyPageState(depsWith(), { preset: '000' });
    expect(state.draft.preset).toBe('000');
    expect(JSON.parse(state.draft.text).deadlines.P1.assign).toEqual({ minutes: 10 });
    expect(renderPolicyPage(viewFor(manager), state)).toContain('<option value="000" selected>');
  });

  it('saves the edited document as version 2 and lists it in the history with what changed', async () => {
    const deps = depsWith();
    const saved = await savePostedPolicy(deps, saveForm(), manager);
    expect(saved).toMatchObject({ version: 2, savedBy: 'manager.sun', changedSections: ['deadlines'] });
    const page = renderPolicyPage(viewFor(manager), await policyPageState(deps, {}));
    expect(page).toContain('Version 2 in force');
    expect(page).toMatch(/id="policy-version-2"[\s\S]*P1 resolution in 48 h[\s\S]*deadlines/);
    // The earlier version can be restored, with a reason.
    expect(page).toMatch(/name="version" value="1"[\s\S]*name="reason" required/);
  });

  it('refuses a save without a reason, or with text that is not JSON, field by field', async () => {
    const deps = depsWith();
    await expect(savePostedPolicy(deps, saveForm({ reason: ' ' }), manager)).rejects.toMatchObject({
      fields: { reason: { code: 'required' } },
    });
    await expect(savePostedPolicy(deps, saveForm({ policy: '{ not json' }), manager)).rejects.toMatchObject({
      fields: { policy: { code: 'json_invalid' } },
    });
    expect((await deps.policies.current())?.version).toBe(1);
  });

  it('refuses a save based on a version no longer in force, so nobody’s change is overwritten', async () => {
    const deps = depsWith();
    await savePostedPolicy(deps, saveForm(), manager);
    await expect(savePostedPolicy(deps, saveForm({ reason: 'mine' }), manager)).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
  });

  it('rolls back to version 1 as a new version 3 that says what it restores', async () => {
    const deps = depsWith();
    await savePostedPolicy(deps, saveForm(), manager);
    const restored = await rollbackPosted(deps, { version: '1', reason: 'quality objected' }, manager);
    expect(restored).toMatchObject({ version: 3, rolledBackFrom: 1, changedSections: ['deadlines'] });
    expect((await deps.policies.current())?.policy).toEqual(document);
    await expect(rollbackPosted(deps, { version: '1', reason: '' }, manager)).rejects.toBeInstanceOf(ValidationError);
  });

  it('shows its author a dry run the dry-run function kept: the matrix, the moves and the editor as posted', async () => {
    const proposed = {
      ...document,
      grading: {
        ...document.grading,
        rules: document.grading.rules.map((r) => (r.id === 'hazard' ? { ...r, grade: 'P3' as const } : r)),
      },
    };
    const result = dryRunPolicy({
      current: document,
      proposed,
      samples: [{ ticketNumber: '202612-0001', facts: { description: '插座冒火了，插头烧黑。' }, label: 'P1' }],
      now,
    });
    const record: DryRunRecord = {
      id: 'run-1',
      staffId: manager.id,
      expiresAt: 0,
      draft: { text: `{"grading": "${HOSTILE}"}`, basedOn: 1 },
      result,
    };
    const messageOf = (issue: { code: string }) => issue.code;
    const state = await policyPageState(depsWith([record]), { dryRun: 'run-1' }, { staff: manager, messageOf });
    const page = renderPolicyPage(viewFor(manager), state);
    expect(page).toContain('id="dry-run-matrix"');
    expect(page).toContain('1 would change grade, 0 category, 0 department.');
    expect(page).toMatch(/202612-0001<\/td>\s*<td data-label="Grade">P1 → P3<\/td>/);
    expect(page).toContain('1 regraded complaints: 1 graded as staff did now, 0 under the proposal.');
    // What was typed comes back escaped.
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Someone else's dry run is not shown.
    const other = await policyPageState(
      depsWith([record]),
      { dryRun: 'run-1' },
      { staff: demoMember('agent.li'), messageOf },
    );
    expect(other.dryRun).toBeUndefined();
  });

  it('escapes every value a manager wrote: reasons, holiday names, the document', async () => {
    const deps = depsWith();
    const hostile = {
      ...document,
      calendar: { ...document.calendar, holidays: [{ name: HOSTILE, from: '2026-12-24', to: '2026-12-24' }] },
    };
    await savePostedPolicy(deps, { policy: JSON.stringify(hostile), reason: HOSTILE, basedOn: '1' }, manager);
    const page = renderPolicyPage(viewFor(manager), await policyPageState(deps, {}));
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(documentText(hostile)).toContain('<script>');
  });

  it('links the policy page in the navigation of managers only', () => {
    const nav = (member: StaffMember) => consolePage(viewFor(member), 'x', undefined, { value: '' } as never);
    expect(nav(manager)).toContain('href="/console/policy"');
    expect(nav(demoMember('supervisor.wang'))).not.toContain('href="/console/policy"');
    expect(nav(demoMember('agent.li'))).not.toContain('href="/console/policy"');
  });
});
