import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { demoStaff } from '../support/staff.js';

/** The demo agent of a department: agents work only on their own department's complaints. */
const agentFor = (department: string) =>
  demoStaff.find((s) => s.role === 'agent' && s.department === department)?.id ?? 'agent.li';

/**
 * The staff console in a real browser (Debian's Chromium, driven by playwright-core) against the
 * local runtime: an agent works a complaint from the queue to its resolution, a supervisor finds a
 * breached complaint on the board and reassigns it, an agent is refused another department's
 * complaint, and no console page has a serious or critical accessibility violation (axe).
 */
describe('the staff console in a browser', { timeout: 180_000 }, () => {
  const world = consoleInBrowser(
    'console',
    {
      // A minute of workflow time per second, from a Tuesday morning in Beijing: a P1's first
      // deadline (15 minutes) passes in 15 s, and its supervisor rung lasts a minute.
      timeScale: 60,
      clockStart: new Date('2026-11-24T02:00:00Z'),
    },
    'console',
  );
  const { signedIn, url, shot, seen } = world;

  it('lets an agent find a new complaint in the department queue, claim it, call, send an apology letter, propose, and resolve once the customer accepts', async () => {
    const email = 'console.customer@example.com';
    const submitted = await world.env.client.submit({
      customer: { name: 'Ann <b>Lee</b>', email, locale: 'en' },
      description: 'My parcel arrived four days late and the courier was rude to me.',
    });
    const agent = agentFor(submitted.department);
    const page = await signedIn(agent);

    await page.goto(url('/console/queues/unassigned?lang=en'));
    const row = page.getByRole('row').filter({ hasText: submitted.ticketNumber });
    await expect.poll(() => row.count(), seen).toBe(1);
    expect(await row.textContent()).toContain('Ann <b>Lee</b>');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'queue-unassigned-en-1280');

    await row.getByRole('link', { name: submitted.ticketNumber }).click();
    await expect.poll(() => page.locator('h1').textContent(), seen).toBe(`Complaint ${submitted.ticketNumber}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => page.locator('#done').isVisible(), seen).toBe(true);

    const contact = page.locator('#action-contact');
    await contact.getByLabel('How').selectOption('phone');
    await contact.getByLabel('What was said').fill('Called Ann, apologised for the courier.');
    await contact.getByRole('button', { name: 'Log a contact' }).click();
    await expect.poll(() => page.locator('#timeline').textContent(), seen).toContain('Called Ann, apologised');

    const reply = page.locator('#action-reply');
    await reply.getByLabel('Letter').selectOption('apology');
    await reply.getByRole('button', { name: 'Use this letter' }).click();
    const message = page.locator('#action-reply').getByLabel('Message');
    await expect.poll(() => message.inputValue(), seen).not.toBe('');
    await message.fill(`${await message.inputValue()}\nWe will refund the delivery fee by 27 November.`);
    await page.locator('#action-reply').getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('#letter-preview').textContent(), seen).toContain('refund the delivery fee');
    await shot(page, 'complaint-reply-preview-en-1280');
    await page.locator('#action-reply').getByRole('button', { name: 'Send to the customer' }).click();
    await expect.poll(() => page.locator('#done').isVisible(), seen).toBe(true);
    const mail = await world.env.waitForMail(email, /./);
    await expect
      .poll(
        async () => (await world.env.client.mails(email)).some((m) => m.body.text?.includes('refund the delivery fee')),
        seen,
      )
      .toBe(true);
    expect(mail).toBeDefined();

    const propose = page.locator('#action-propose');
    await propose.getByLabel('Summary').fill('Refund the delivery fee and apologise.');
    await propose.getByLabel('Remedy', { exact: true }).selectOption('refund');
    await propose.getByRole('button', { name: 'Propose a solution' }).click();
    await expect.poll(() => page.locator('#solution').textContent(), seen).toContain('Refund the delivery fee');
    // The customer is told and must accept first: the page says it waits, and offers no resolve.
    const acceptance = page.locator('#acceptance');
    await expect.poll(() => acceptance.textContent(), seen).toContain('Waiting for the customer’s answer.');
    expect(await page.locator('#action-resolve').count()).toBe(0);

    // The customer accepts from the link in the offer mail; the owner's page shows it, and resolve.
    await world.env.acceptSolution(submitted.id);
    await page.reload();
    await expect.poll(() => acceptance.textContent(), seen).toContain('Accepted');
    const resolve = page.locator('#action-resolve');
    await resolve.getByLabel('Summary').fill('Delivery fee refunded on 25 November.');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.locator('#status').textContent(), seen).toMatch(/Resolved|Waiting for the survey/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'complaint-resolved-en-1280');
  });

  it('shows a supervisor a breached complaint on the board at its rung, and lets them reassign it', async () => {
    const submitted = await world.env.client.submit({
      customer: { name: 'Wang Wei', email: 'console.p1@example.com', locale: 'zh-CN' },
      description: '充电器起火了，差点烧到窗帘。',
    });
    expect(submitted.grade).toBe('P1');
    await world.env.waitForEvent(submitted.id, 'sla_breached', 1, 60_000);

    const page = await signedIn('supervisor.wang');
    await page.goto(url('/console/board?lang=en'));
    const row = page.locator('#board-breached-list').getByRole('row').filter({ hasText: submitted.ticketNumber });
    await expect.poll(() => row.count(), seen).toBe(1);
    const { complaint } = await world.env.client.view('supervisor.wang', submitted.id);
    const rung = ['case owner', 'supervisor', 'department head', 'manager'][complaint.escalation!.level];
    expect(await row.locator('.board-rung').textContent()).toContain(rung);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'board-en-1280');

    await row.getByRole('link', { name: submitted.ticketNumber }).click();
    const agent = agentFor(submitted.department);
    const assign = page.locator('#action-assign');
    await assign.getByLabel('Give it to').selectOption(agent);
    await assign.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('#done').isVisible(), seen).toBe(true);
    expect((await world.env.client.view('supervisor.wang', submitted.id)).complaint.ownerId).toBe(agent);
  });

  it('refuses an agent another department’s complaint, in their language', async () => {
    const submitted = await world.env.client.submit({
      customer: { name: 'Zhao Min', email: 'console.other@example.com', locale: 'zh-CN' },
      description: '发票金额开错了，多收了我两百元。',
    });
    const outsider = demoStaff.find((s) => s.role === 'agent' && s.department !== submitted.department)!;
    const page = await signedIn(outsider.id);
    const response = await page.goto(url(`/console/complaints/${submitted.ticketNumber}`));
    expect(response?.status()).toBe(403);
    expect(await page.locator('#refusal').textContent()).toBe(
      outsider.locale === 'zh-CN' ? '您无权执行此操作。' : 'You are not allowed to do this.',
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refreshes the queue without a reload when the window regains focus', async () => {
    const first = await world.env.client.submit({
      customer: { name: 'Early Bird', email: 'console.early@example.com', locale: 'en' },
      description: 'The service agent on the phone hung up on me twice.',
    });
    const page = await signedIn(agentFor(first.department));
    await page.goto(url('/console/queues/department?lang=en'));
    await page.evaluate("document.body.setAttribute('data-marker', 'same page')");
    const later = await world.env.client.submit({
      customer: { name: 'Late Arrival', email: 'console.live@example.com', locale: 'en' },
      description: 'The service agent on the phone hung up on me twice, again.',
    });
    expect(later.department).toBe(first.department);
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await expect.poll(() => page.locator('#queue-department').textContent(), seen).toContain(later.ticketNumber);
    expect(await page.evaluate('document.body.dataset.marker')).toBe('same page');
  });

  it('reads in both languages at 1280 px and on a phone, with no serious accessibility violation', async () => {
    for (const [locale, lang] of [
      ['zh-CN', 'zh'],
      ['en', 'en'],
    ] as const) {
      for (const width of [1280, 390]) {
        for (const [user, path, name] of [
          ['agent.li', '/console', 'home'],
          ['supervisor.wang', '/console/board', 'board'],
          ['supervisor.wang', '/console/queues/breached', 'queue-breached'],
        ] as const) {
          const page = await signedIn(user, { width, height: 900 });
          await page.goto(url(`${path}?lang=${locale}`));
          expect(await page.locator('html').getAttribute('lang')).toBe(locale);
          expect(await seriousViolations(page), `${name} ${lang} ${width}`).toEqual([]);
          await shot(page, `${name}-${lang}-${width}`);
          await page.context().close();
        }
      }
    }
  }, 420_000);
});
