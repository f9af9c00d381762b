import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { lifecycleRuntime, stop, types } from '../support/lifecycle.js';
import { demoStaff } from '../support/staff.js';

/** The demo agent of the department a complaint was routed to: agents work only on their own department's. */
const agentFor = (department: string) =>
  demoStaff.find((s) => s.role === 'agent' && s.department === department)?.id ?? 'agent.li';

/**
 * The customer pages in a real browser (Debian's Chromium, driven by playwright-core) against
 * the local runtime: each works as a plain HTML form with JavaScript off, is enhanced in place
 * with JavaScript on, and has no serious or critical accessibility violation (axe).
 */
describe('the customer pages in a browser', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const withoutScript = new WeakSet<Page>();

  beforeAll(async () => {
    [env, browser] = await Promise.all([
      // Ten minutes of workflow time per second, from a Tuesday morning in Beijing: mails go out at once.
      lifecycleRuntime('browser', { timeScale: 600, clockStart: new Date('2026-11-24T02:00:00Z') }),
      chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stop(env?.runtime);
  });

  async function open(url: string, opts: { javaScript: boolean; locale?: string }): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: opts.javaScript,
      locale: opts.locale ?? 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const page = await context.newPage();
    if (!opts.javaScript) withoutScript.add(page);
    await page.goto(url);
    return page;
  }

  /**
   * axe runs inside the page, which needs JavaScript: a page shown with JavaScript off is checked
   * as the same markup in a context where it is on.
   */
  async function seriousViolations(page: Page): Promise<string[]> {
    let checked = page;
    if (withoutScript.has(page)) {
      const context = await browser.newContext();
      contexts.push(context);
      checked = await context.newPage();
      await checked.setContent(await page.content());
    }
    const { violations } = await new AxeBuilder({ page: checked }).analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** The page answers over the network under a loaded machine: wait for what a person would see. */
  const seen = { timeout: 20_000 };

  async function fillComplaint(page: Page, email: string) {
    await page.getByLabel('Your name').fill('Ann Lee');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('What is it about?').selectOption('logistics');
    await page.getByLabel('What happened?').fill('My parcel arrived four days late and the box was wet.');
    await page.getByLabel('Purchase date').fill('2026-11-01');
  }

  async function complaintAwaitingAnswer(email: string) {
    const { client, waitForMail } = env;
    const submitted = await client.submit({ customer: { email, locale: 'zh-CN' }, description: '水壶底部漏水。' });
    await waitForMail(email, /.*/);
    const agent = agentFor(submitted.department);
    await client.act(agent, submitted.id, 'assign');
    await client.act(agent, submitted.id, 'contact', { channel: 'phone', note: 'Asked for a photo' });
    const asked = await client.act(agent, submitted.id, 'request-info', { question: '能否拍一张底座的照片？' });
    expect(asked.status).toBe(200);
    return submitted;
  }

  async function complaintAwaitingSurvey(email: string) {
    const { client, waitForEvent } = env;
    const submitted = await client.submit({
      customer: { name: 'Ann Lee', email, locale: 'en' },
      description: 'My parcel arrived four days late and the box was wet.',
    });
    const agent = agentFor(submitted.department);
    await client.act(agent, submitted.id, 'assign');
    await client.act(agent, submitted.id, 'contact', { channel: 'phone', note: 'Called, apologised' });
    await client.act(agent, submitted.id, 'propose', { summary: 'Courier re-delivers', remedy: 'apology' });
    expect((await client.act(agent, submitted.id, 'resolve', { summary: 'Delivered on 25 November' })).status).toBe(
      200,
    );
    await waitForEvent(submitted.id, 'survey_sent');
    const mail = await eventually('the survey mail', async () =>
      (await client.mails(email)).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    return { ...submitted, surveyUrl: LocalClient.linkIn(mail, 'survey')! };
  }

  describe('the complaint form', () => {
    it('registers a complaint posted without JavaScript and answers with its number and a deadline that names its zone', async () => {
      const page = await open(`${env.runtime.apiUrl}/`, { javaScript: false });
      await fillComplaint(page, 'nojs.form@example.com');
      await page.getByRole('button', { name: 'Send complaint' }).click();
      await expect.poll(() => page.locator('h1').textContent(), seen).toBe('Thank you. Your complaint is registered.');
      expect(await page.locator('#ticket').textContent()).toMatch(/^\d{6}-\d{4}$/);
      expect(await page.locator('#resolve-by').textContent()).toMatch(/GMT\+8/);
      await page.getByRole('link', { name: 'Follow its progress' }).click();
      expect(await page.locator('h1').textContent()).toBe('Your complaint');
    });

    it('shows the form again, with what was typed and what to fix, when a post without JavaScript is refused', async () => {
      const page = await open(`${env.runtime.apiUrl}/?lang=zh-CN`, { javaScript: false });
      await page.getByLabel('您的姓名').fill('王伟');
      await page.getByLabel('购买日期').fill('2026-11-01');
      await page.getByRole('button', { name: '提交投诉' }).click();
      await expect.poll(() => page.locator('#form-refusal').textContent(), seen).toBe('部分内容需要修改。');
      expect(await page.getByLabel('您的姓名').inputValue()).toBe('王伟');
      expect(await page.locator('#error-description').textContent()).toBe('此项为必填项。');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('with JavaScript, shows the answer in place, the deadline in the reader’s zone and naming it', async () => {
      const page = await open(`${env.runtime.apiUrl}/`, { javaScript: true });
      await fillComplaint(page, 'js.form@example.com');
      await page.getByRole('button', { name: 'Send complaint' }).click();
      const card = page.locator('#result');
      await expect.poll(() => card.isVisible(), seen).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await card.textContent()).toMatch(/We aim to resolve it by: .*GMT\+8/);
    });

    it.each(['en', 'zh-CN'])('has no serious accessibility violation in %s', async (lang) => {
      const page = await open(`${env.runtime.apiUrl}/?lang=${lang}`, { javaScript: true });
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  describe('the status page and its reply box', () => {
    it('opens in the complaint’s language whatever the browser prefers, and switches with its language link', async () => {
      const complaint = await env.client.submit({
        customer: { email: 'lang@example.com', locale: 'zh-CN' },
        description: '快递晚到了四天。',
      });
      const page = await open(complaint.statusUrl, { javaScript: false, locale: 'en-US' });
      expect(await page.locator('h1').textContent()).toBe('您的投诉');
      await page.getByRole('link', { name: 'English' }).click();
      expect(await page.locator('h1').textContent()).toBe('Your complaint');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    });

    it('takes the customer’s answer without JavaScript and leads back to the complaint', async () => {
      const complaint = await complaintAwaitingAnswer('nojs.reply@example.com');
      const page = await open(complaint.statusUrl, { javaScript: false });
      expect(await page.locator('#question').textContent()).toBe('能否拍一张底座的照片？');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('您的回复').fill('照片已上传。');
      await page.getByRole('button', { name: '提交回复' }).click();
      await expect.poll(() => page.locator('h1').textContent(), seen).toBe('谢谢，我们已收到您的回复。');
      await page.getByRole('link', { name: '返回投诉详情' }).click();
      expect(await page.locator('h1').textContent()).toBe('您的投诉');
      const { timeline } = await env.client.view('supervisor.wang', complaint.id);
      expect(timeline.find((e) => e.type === 'customer_replied')?.data).toMatchObject({ message: '照片已上传。' });
    });

    it('with JavaScript, sends the answer and thanks in place', async () => {
      const complaint = await complaintAwaitingAnswer('js.reply@example.com');
      const page = await open(complaint.statusUrl, { javaScript: true });
      await page.getByLabel('您的回复').fill('照片已上传。');
      await page.getByRole('button', { name: '提交回复' }).click();
      await expect.poll(() => page.locator('#reply-result').textContent(), seen).toBe('谢谢，我们已收到您的回复。');
      expect(page.url()).toBe(complaint.statusUrl);
    });
  });

  describe('the survey', () => {
    it('takes an answer without JavaScript and closes the complaint', async () => {
      const complaint = await complaintAwaitingSurvey('nojs.survey@example.com');
      const page = await open(complaint.surveyUrl, { javaScript: false });
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('radio', { name: '5' }).check();
      await page.getByRole('radio', { name: 'Satisfied', exact: true }).check();
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await expect.poll(() => page.locator('#result').textContent(), seen).toBe('Thank you for your feedback.');
      await env.waitForStatus(complaint.id, 'closed');
    });

    it('opens from a score link in the mail with that score chosen, and records nothing until it is sent', async () => {
      const email = 'link.survey@example.com';
      const complaint = await complaintAwaitingSurvey(email);
      const mail = (await env.client.mails(email)).find((m) => LocalClient.linkIn(m, 'survey'))!;
      const scoreLink = mail.body.text?.match(/https?:\/\/\S+\/survey\/[A-Za-z0-9._-]+\?score=4/)?.[0];
      expect(scoreLink).toBeDefined();

      // A mail scanner opens every link; so does the customer: neither answers the survey.
      expect((await fetch(scoreLink!)).status).toBe(200);
      const page = await open(scoreLink!, { javaScript: false });
      expect(await page.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(types(await env.timeline(complaint.id))).not.toContain('survey_answered');
      expect((await env.client.view('supervisor.wang', complaint.id)).complaint.status).toBe('awaiting_survey');

      await page.getByRole('button', { name: 'Send my answer' }).click();
      await expect.poll(() => page.locator('#result').textContent(), seen).toBe('Thank you for your feedback.');
      const timeline = await env.waitForEvent(complaint.id, 'survey_answered');
      expect(timeline.find((e) => e.type === 'survey_answered')?.data).toMatchObject({ score: 4 });
    });

    it('with JavaScript, answers in place', async () => {
      const complaint = await complaintAwaitingSurvey('js.survey@example.com');
      const page = await open(`${complaint.surveyUrl}?lang=zh-CN`, { javaScript: true });
      await page.getByRole('radio', { name: '4' }).check();
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.locator('#result').textContent(), seen).toBe('感谢您的评价。');
      expect(page.url()).toBe(`${complaint.surveyUrl}?lang=zh-CN`);
    });
  });
});
