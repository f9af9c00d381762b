import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalClient } from '../../infra/local/client.js';
import { referenceAcceptancePolicy } from '../../shared/policy/default-policy.js';
import { presetPolicy } from '../../shared/policy/presets/index.js';
import { launchChromium, seriousViolations, shotsDir } from '../support/browser.js';
import { stop } from '../support/lifecycle.js';
import { presetRuntime } from '../support/presets.js';

const SHOTS = shotsDir('offer-page');

/**
 * The status page's offer (ACC, issue 10) in a real browser: the customer reads the solution and
 * accepts it with a plain form post (no script needed), and axe finds no serious violation.
 */
describe('the solution offered on the status page', { timeout: 120_000 }, () => {
  const defaults = presetPolicy('closeloop');
  const policy = { ...defaults, workflow: { ...defaults.workflow, acceptance: referenceAcceptancePolicy } };
  let env: Awaited<ReturnType<typeof presetRuntime>>;
  let browser: Browser;
  beforeAll(async () => {
    [env, browser] = await Promise.all([
      presetRuntime('offer-page', policy, { timeScale: 60, clockStart: new Date('2026-11-30T02:00:00Z') }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stop(env?.runtime);
  });

  it('shows the offer, escaped, and accepting it works without JavaScript', async () => {
    const { client, waitForMail, waitForEvent } = env;
    const email = 'offer.page@example.com';
    const submitted = await client.submit({
      customer: { name: 'Ann Lee', email, locale: 'en' },
      description: 'My parcel arrived four days late and the box was wet.',
    });
    await waitForMail(email, /received your complaint/);
    await client.act('agent.he', submitted.id, 'assign');
    await client.act('agent.he', submitted.id, 'contact', { channel: 'phone', note: 'Called' });
    const summary = 'A new parcel <script>alert(1)</script> & a refund of the postage';
    expect(
      (await client.act('agent.he', submitted.id, 'propose', { summary, remedy: 'replacement', amount: 12 })).status,
    ).toBe(200);
    const offer = await waitForMail(email, /solution we propose/);
    const statusUrl = LocalClient.linkIn(offer, 'status')!;

    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(statusUrl);
    // What the owner typed is text on the page, never markup.
    await expect.poll(() => page.locator('#offer-summary').textContent()).toBe(summary);
    expect(await page.locator('#offer script').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/offer-en.png`, fullPage: true });

    const axeContext = await browser.newContext();
    const checked = await axeContext.newPage();
    await checked.setContent(await page.content());
    expect(await seriousViolations(checked)).toEqual([]);
    await axeContext.close();

    await page.locator('#accept button[type=submit]').click();
    await page.waitForSelector('#offer-result');
    expect(await page.locator('#offer-result').textContent()).toContain('Thank you for accepting');
    await page.screenshot({ path: `${SHOTS}/offer-accepted-en.png`, fullPage: true });
    await waitForEvent(submitted.id, 'solution_accepted');

    await page.goto(statusUrl);
    expect(await page.locator('#offer-answer').textContent()).toContain('You accepted this solution');
    expect(await page.locator('#accept').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/offer-after-en.png`, fullPage: true });
    await context.close();
  });
});
