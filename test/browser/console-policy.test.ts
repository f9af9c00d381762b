import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentUpdateError } from '../../shared/errors/index.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { type DryRunRecord, documentOf, dryRunPolicy } from '../../shared/usecases/policy-dry-run.js';
import { serveAsset } from '../../web/assets.js';
import type { ConsoleView } from '../../web/console/layout.js';
import {
  type PolicyPageDeps,
  policyPageState,
  renderPolicyPage,
  rollbackPosted,
  savePostedPolicy,
} from '../../web/console/policy-page.js';
import { loadPart } from '../fixtures/grading/corpus.js';
import { launchChromium, seriousViolations, shotsDir, signInToConsole } from '../support/browser.js';
import { consoleViewFor, NO_COUNTDOWN } from '../support/console-view.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';
import { firstStartVersion, MemoryPolicyStore } from '../support/memory-policy-store.js';
import { demoMember } from '../support/staff.js';

const SHOTS = shotsDir('console-policy');
const document = documentOf(defaultIntakePolicy);
const manager = demoMember('manager.sun');
const hazardAtP3 = {
  ...document,
  grading: {
    ...document.grading,
    rules: document.grading.rules.map((r) => (r.id === 'hazard' ? { ...r, grade: 'P3' as const } : r)),
  },
  deadlines: { ...document.deadlines, P1: { ...document.deadlines.P1, assign: { minutes: 10 } } },
};

/**
 * The policy page as the console renders it, with the stored policy in memory (test/support) and a
 * dry run of the development corpus, served with the real stylesheet: what a manager sees, checked
 * by axe and photographed in both languages at both widths.
 */
describe('the policy page in a browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  const contexts: BrowserContext[] = [];
  const now = new Date('2026-12-01T02:00:00.000Z');
  const deps: PolicyPageDeps = {
    policies: new MemoryPolicyStore([firstStartVersion(document)]),
    clock: { now: () => now },
    presets: { names: () => ['closeloop', '000'], document: () => undefined },
    dryRuns: { get: async (id) => (id === 'run-1' ? record : undefined) },
  };
  const samples = loadPart('development')
    .slice(0, 120)
    .map((item, i) => ({
      ticketNumber: `202611-${String(i + 1).padStart(4, '0')}`,
      facts: { subject: item.subject, description: item.text },
      ...(i % 7 === 0 ? { label: item.grade } : {}),
    }));
  const record: DryRunRecord = {
    id: 'run-1',
    staffId: manager.id,
    expiresAt: 0,
    draft: { text: JSON.stringify(hazardAtP3, null, 2), basedOn: 2 },
    result: dryRunPolicy({ current: document, proposed: hazardAtP3, samples, now }),
  };

  beforeAll(async () => {
    await savePostedPolicy(
      deps,
      { policy: JSON.stringify(hazardAtP3), reason: 'Faster P1 assignment', basedOn: '1', preset: '000' },
      manager,
    );
    browser = await launchChromium();
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/assets/')) {
        const found = serveAsset(
          url.pathname.slice('/assets/'.length),
          url.searchParams.get('v') ?? undefined,
          undefined,
        );
        res.writeHead(found?.statusCode ?? 404, found?.headers as Record<string, string>);
        res.end(found?.body ?? '');
        return;
      }
      const locale = url.searchParams.get('lang') === 'zh-CN' ? 'zh-CN' : 'en';
      policyPageState(
        deps,
        { dryRun: url.searchParams.get('dryRun') ?? undefined },
        {
          staff: manager,
          messageOf: (issue) => issue.code,
        },
      ).then((state) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(renderPolicyPage(viewFor(manager, locale, now), state));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    for (const width of [1280, 390]) {
      it(`shows the policy, the dry run and the history without a serious accessibility violation (${locale}, ${width} px)`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: 'Asia/Shanghai' });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(`${base}/console/policy?dryRun=run-1&lang=${locale}`);
        await expect.poll(() => page.locator('#dry-run-matrix').isVisible()).toBe(true);
        expect(await page.locator('#policy-history tbody tr').count()).toBe(2);
        expect(await seriousViolations(page)).toEqual([]);
        // Nothing wider than the screen but the editor's own scrolling.
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/policy-${locale}-${width}.png`, fullPage: true });
        // The whole page is long (the changed complaints): its top and its history, as a person first sees them.
        await page.screenshot({ path: `${SHOTS}/policy-${locale}-${width}-top.png` });
        await page.locator('#policy-history').screenshot({ path: `${SHOTS}/policy-${locale}-${width}-history.png` });
      });
    }
  }

  it('restores version 1 as version 3, and refuses a save based on version 1 after that', async () => {
    const restored = await rollbackPosted(deps, { version: '1', reason: 'back to the defaults' }, manager);
    expect(restored).toMatchObject({ version: 3, rolledBackFrom: 1 });
    await expect(
      savePostedPolicy(deps, { policy: JSON.stringify(document), reason: 'stale', basedOn: '1' }, manager),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });
});

const viewFor = (member: StaffMember, locale: ConsoleView['locale'], now: Date) =>
  consoleViewFor(member, { now, locale, csrf: 'csrf-token', path: '/console/policy', left: NO_COUNTDOWN });

/** The policy page through the local runtime, on the stored policy in DynamoDB Local. */

describe('the policy page through the local runtime', { timeout: 240_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [env, browser] = await Promise.all([lifecycleRuntime('console-policy'), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stop(env?.runtime);
  });

  async function signedIn(user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    await signInToConsole(page, env.runtime.apiUrl, user);
    return page;
  }
  const seen = { timeout: 30_000 };

  it('lets a manager dry-run a change, save it, see it in the history and roll it back', async () => {
    await env.client.submit({
      customer: { name: 'Wang', email: 'fire@example.com', locale: 'zh-CN' },
      description: '电暖器插座那里突然冒火，插头都烧黑了。',
    });
    const page = await signedIn('manager.sun');
    await page.goto(`${env.runtime.apiUrl}/console/policy?lang=en`);
    await expect.poll(() => page.locator('h1').textContent(), seen).toBe('Policy');
    const editor = page.locator('#policy-document');
    const proposal = JSON.parse(await editor.inputValue());
    proposal.grading.rules = proposal.grading.rules.map((r: { id: string }) =>
      r.id === 'hazard' ? { ...r, grade: 'P3' } : r,
    );
    await editor.fill(JSON.stringify(proposal, null, 2));
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect
      .poll(() => page.locator('#dry-run-counts').textContent(), seen)
      .toMatch(/^[1-9]\d* would change grade/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Reason for the change').fill('Hazards graded P3 (a test)');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => page.locator('#policy-done').textContent(), seen).toContain('Version 2 is now in force');
    expect(await page.locator('#policy-version-2').textContent()).toContain('Hazards graded P3 (a test)');

    const older = page.locator('#policy-version-1');
    await older.getByLabel('Why roll back to version 1?').fill('Undo the test');
    await older.getByRole('button', { name: 'Roll back to this' }).click();
    await expect.poll(() => page.locator('#policy-done').textContent(), seen).toContain('restores version 1');
  });

  it('refuses an agent with the console’s 403 page and shows no policy link', async () => {
    const page = await signedIn('agent.li');
    expect(await page.locator('a[href="/console/policy"]').count()).toBe(0);
    const answer = await page.goto(`${env.runtime.apiUrl}/console/policy?lang=en`);
    expect(answer?.status()).toBe(403);
    expect(await page.locator('#refusal').isVisible()).toBe(true);
  });
});
