import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { launchChromium, seriousViolations as seriousViolationsOf, shotsDir } from '../support/browser.js';
import { lifecycleRuntime, stop, types } from '../support/lifecycle.js';
import { demoStaff } from '../support/staff.js';

/** The demo agent of the department a complaint was routed to: agents work only on their own department's. */
const agentFor = (department: string) =>
  demoStaff.find((s) => s.role === 'agent' && s.department === department)?.id ?? 'agent.li';

/** Screenshots of every page, both languages, both widths, for a person to look at (not compared by the test). */
const SHOTS = shotsDir('customer-pages');
const WIDTHS = { wide: 1280, phone: 390 } as const;

/**
 * The customer pages in a real browser (Debian's Chromium, driven by playwright-core) against
 * the local runtime: each works as a plain HTML form with JavaScript off, is enhanced in place
 * with JavaScript on, has no serious or critical accessibility violation (axe), and runs under the
 * strict Content-Security-Policy with nothing inline.
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
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stop(env?.runtime);
  });

  /** What the browser refused under the page's Content-Security-Policy, by page. */
  const refusedByPolicy = new WeakMap<Page, string[]>();

  async function open(
    url: string,
    opts: { javaScript: boolean; locale?: string; colorScheme?: 'light' | 'dark' },
  ): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: opts.javaScript,
      locale: opts.locale ?? 'en-US',
      timezoneId: 'Asia/Shanghai',
      colorScheme: opts.colorScheme ?? 'light',
      viewport: { width: WIDTHS.wide, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const refused: string[] = [];
    refusedByPolicy.set(page, refused);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    if (!opts.javaScript) withoutScript.add(page);
    await page.goto(url);
    return page;
  }

  /** The page at both widths, full length, into SHOTS as `<name>-<width>.png`. */
  async function shoot(page: Page, name: string) {
    for (const [label, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: WIDTHS.wide, height: 900 });
  }

  /**
   * The page as served: the strict policy in its header, no inline style or script in its markup,
   * the shared stylesheet applied, and nothing refused by the policy while it loaded and ran.
   */
  async function expectStrictPolicy(page: Page, url: string) {
    const served = await fetch(url, { headers: { accept: 'text/html' } });
    expect(served.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    const markup = await page.content();
    expect(await page.locator('style, [style]').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(markup).not.toMatch(/<[^>]+\son[a-z]+=/i);
    // The shared stylesheet arrived (through /assets, under the policy) and applies.
    const headerRule = "getComputedStyle(document.querySelector('.cl-header')).borderBottomStyle";
    expect(await page.evaluate<string>(headerRule)).toBe('solid');
    expect(refusedByPolicy.get(page)).toEqual([]);
  }

  /**
   * axe runs inside the page, which needs JavaScript: a page shown with JavaScript off is checked
   * as the same markup in a context where it is on.
   */
  async function seriousViolations(page: Page): Promise<string[]> {
    if (!withoutScript.has(page)) return seriousViolationsOf(page);
    const context = await browser.newContext();
    contexts.push(context);
    const checked = await context.newPage();
    await checked.setContent(await page.content());
    return seriousViolationsOf(checked);
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
    await env.acceptSolution(submitted.id);
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
      await shoot(page, 'status-zh-CN-reply-sent');
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
      await shoot(page, 'survey-en-answered');
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

  describe('the look of every customer page', () => {
    let pages: Record<string, string>;

    beforeAll(async () => {
      const asked = await complaintAwaitingAnswer('look.status@example.com');
      const surveyed = await complaintAwaitingSurvey('look.survey@example.com');
      pages = {
        form: `${env.runtime.apiUrl}/`,
        status: asked.statusUrl,
        survey: `${surveyed.surveyUrl}?score=4`,
      };
    }, 120_000);

    it.each([
      ['form', 'en'],
      ['form', 'zh-CN'],
      ['status', 'en'],
      ['status', 'zh-CN'],
      ['survey', 'en'],
      ['survey', 'zh-CN'],
    ])(
      'shows the %s page in %s under the strict policy, with nothing inline and no serious accessibility violation',
      async (name, lang) => {
        const url = `${pages[name]}${pages[name]!.includes('?') ? '&' : '?'}lang=${lang}`;
        const page = await open(url, { javaScript: true });
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await expectStrictPolicy(page, url);
        expect(await seriousViolations(page)).toEqual([]);
        await shoot(page, `${name}-${lang}`);
      },
    );

    it('shows the form in the dark scheme with no serious accessibility violation', async () => {
      for (const lang of ['en', 'zh-CN']) {
        const page = await open(`${pages.form}?lang=${lang}`, { javaScript: true, colorScheme: 'dark' });
        expect(await seriousViolations(page)).toEqual([]);
        await shoot(page, `form-${lang}-dark`);
      }
    });

    it('keeps the score chosen in the mail when the customer switches the survey’s language', async () => {
      const page = await open(pages.survey!, { javaScript: false });
      expect(await page.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
      await page.getByRole('link', { name: '中文' }).click();
      expect(await page.locator('h1').textContent()).toBe('请您评价');
      expect(await page.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
    });

    it('shows a refused form, a registered complaint and a bad link in the same system', async () => {
      const refused = await open(`${pages.form}?lang=zh-CN`, { javaScript: false });
      await refused.getByRole('button', { name: '提交投诉' }).click();
      await expect.poll(() => refused.locator('#form-refusal').isVisible(), seen).toBe(true);
      await shoot(refused, 'form-zh-CN-refused');

      const registered = await open(pages.form!, { javaScript: false });
      await fillComplaint(registered, 'look.form@example.com');
      await registered.getByRole('button', { name: 'Send complaint' }).click();
      await expect.poll(() => registered.locator('#ticket').isVisible(), seen).toBe(true);
      expect(await seriousViolations(registered)).toEqual([]);
      await shoot(registered, 'form-en-registered');

      const expired = await open(`${env.runtime.apiUrl}/status/not-a-token?lang=en`, { javaScript: false });
      expect(await seriousViolations(expired)).toEqual([]);
      await shoot(expired, 'status-en-bad-link');
    });
  });
});
