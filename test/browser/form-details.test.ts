import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/local/client.js';
import { launchChromium, seriousViolations, shotsDir } from '../support/browser.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

const SHOTS = shotsDir('form-details');

/** The complaint form's optional details (SM, issue 10): when and where it happened, what the customer already tried. */
describe('the complaint form’s details in a browser', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [env, browser] = await Promise.all([
      lifecycleRuntime('form-details', { timeScale: 600, clockStart: new Date('2026-11-24T02:00:00Z') }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await stop(env?.runtime);
  });

  async function open(lang: string, javaScript: boolean): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${env.runtime.apiUrl}/?lang=${lang}`);
    return page;
  }

  async function fill(page: Page, email: string) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('What happened?').fill('The washing machine stopped mid-cycle and shows error E21.');
    await page.getByLabel('When did it happen?').fill('2026-11-23T20:15');
    await page.getByLabel('Where did it happen?').fill('At home, the kitchen');
    await page.getByLabel('What have you already tried?').fill('Unplugged it for ten minutes; <b>no change</b>.');
  }

  const storedDetails = (email: string) =>
    eventually(`the complaint from ${email}`, async () => {
      const search = await fetch(`${env.runtime.sesUrl}/store`).then(
        (r) =>
          r.json() as Promise<{ emails: { destination: { to: string[] }; subject: string; body: { text: string } }[] }>,
      );
      const ack = search.emails.find((m) => m.destination.to.includes(email));
      const ticket = ack && /\d{6}-\d{4,5}/.exec(`${ack.subject} ${ack.body.text}`)?.[0];
      if (!ticket) return undefined;
      return (await env.client.view('supervisor.wang', ticket)).complaint.details;
    });

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('takes when and where it happened and what was tried %s', async (_how, javaScript) => {
    const email = `details.${javaScript ? 'js' : 'nojs'}@example.com`;
    const page = await open('en', javaScript);
    await fill(page, email);
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await expect.poll(() => page.locator('#result').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await storedDetails(email)).toEqual({
      occurredAt: '2026-11-23T20:15',
      occurredWhere: 'At home, the kitchen',
      alreadyTried: 'Unplugged it for ten minutes; <b>no change</b>.',
    });
  });

  it.each(['en', 'zh-CN'])('has no serious accessibility violation with the details section in %s', async (lang) => {
    const page = await open(lang, true);
    await page.locator('#occurred-at').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/form-details-${lang}.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
