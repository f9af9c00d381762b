import { describe, expect, it, vi } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The propose form offers the grade's remedy standards (issue 10, 004 3.2.3) in a real browser:
 * choosing one fills in its remedy and amount, the form says what will need approval, and an amount
 * above the standard goes to approval with that reason. No serious or critical axe violation.
 */
// Starting the runtime and Chromium takes minutes when the machine is shared.
vi.setConfig({ hookTimeout: 300_000 });

describe('the remedy standards in the propose form, and past cases', { timeout: 180_000 }, () => {
  const world = consoleInBrowser(
    'propose-standards',
    { timeScale: 60, clockStart: new Date('2026-11-24T02:00:00Z') },
    'propose-standards',
  );
  const { signedIn, url, shot, seen } = world;

  it('prefills the chosen standard, says what needs approval, and sends an amount above it to approval', async () => {
    const { client } = world.env;
    const submitted = await client.submit({
      customer: { name: 'Ann <b>Lee</b>', email: 'standards.console@example.com', locale: 'en' },
      category: 'service',
      description: 'Your agent was rude on the phone and hung up on me twice.',
    });
    expect(submitted.grade).toBe('P3');
    expect((await client.act('agent.li', submitted.id, 'assign')).status).toBe(200);
    expect(
      (await client.act('agent.li', submitted.id, 'contact', { channel: 'phone', note: 'Apologised' })).status,
    ).toBe(200);

    const owner = await signedIn('agent.li');
    await owner.goto(url(`/console/complaints/${submitted.ticketNumber}?lang=en`));
    const form = owner.locator('#action-propose');
    const picker = form.getByLabel('Standard remedy for P3');
    const offered = await picker.locator('option').allTextContents();
    expect(offered).toEqual([
      'None: my own proposal',
      'Remote guided fix · Repair',
      'Voucher of 50 with no minimum spend · Compensation · up to CNY 50.00',
      'Apology and a voucher of 5 (late delivery) · An apology · up to CNY 5.00',
    ]);
    await picker.selectOption('voucher-50');
    await expect.poll(() => form.getByLabel('Remedy', { exact: true }).inputValue(), seen).toBe('compensation');
    expect(await form.getByLabel('Amount (CNY)').inputValue()).toBe('50');
    const rules = await form.locator('#propose-approval').textContent();
    expect(rules).toContain('an amount above the standard chosen');
    expect(rules).toContain('an amount above CNY 1,000.00');
    expect(rules).not.toContain('legal review');
    expect(await seriousViolations(owner)).toEqual([]);
    await shot(owner, 'complaint-propose-standard-en-1280');

    // More than the standard: the proposal waits for a department head, and says why.
    await form.getByLabel('Amount (CNY)').fill('80');
    await form.getByLabel('Summary').fill('A voucher of 80 for the rude calls');
    await form.getByRole('button', { name: 'Propose a solution' }).click();
    await expect.poll(() => owner.locator('#done').isVisible(), seen).toBe(true);
    const solution = await owner.locator('#solution').textContent();
    expect(solution).toContain('waiting for a department head');
    expect(solution).toContain('amount above the voucher-50 standard of 50');
    await shot(owner, 'complaint-proposed-above-standard-en-1280');

    // A P1 tells the proposer that legal reviews every plan, in Chinese on a phone.
    const p1 = await client.submit({
      customer: { email: 'standards.p1@example.com', locale: 'zh-CN' },
      description: '新买的电热水壶底座冒烟，还有烧焦的味道，孩子差点被烫到。',
    });
    expect(p1.grade).toBe('P1');
    expect((await client.act('agent.chen', p1.id, 'assign')).status).toBe(200);
    expect((await client.act('agent.chen', p1.id, 'contact', { channel: 'phone', note: '已致电' })).status).toBe(200);
    const phone = await signedIn('agent.chen', { width: 390, height: 844 });
    await phone.goto(url(`/console/complaints/${p1.ticketNumber}?lang=zh-CN`));
    const p1Form = phone.locator('#action-propose');
    expect(await p1Form.getByLabel('P1 标准补偿方案').locator('option').count()).toBe(3);
    expect(await p1Form.locator('#propose-approval').textContent()).toContain('P1 的所有方案（先经法务审核）');
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-propose-standard-p1-zh-390');
  });

  it('shows the resolved complaint of the same model and category, with its solution and a link', async () => {
    const { client } = world.env;
    const about = (email: string, model: string) =>
      client.submit({
        customer: { email, locale: 'en' },
        category: 'service',
        description: 'The courier left my parcel in the rain and the box was soaked.',
        product: { model },
      });
    const earlier = await about('past.one@example.com', 'KT-17');
    const ok = async (id: string, action: string, body?: unknown) =>
      expect((await client.act('agent.li', id, action, body)).status).toBe(200);
    await ok(earlier.id, 'assign');
    await ok(earlier.id, 'contact', { channel: 'phone', note: 'Apologised' });
    await ok(earlier.id, 'propose', { summary: 'Dry replacement box <b>sent</b>', standard: 'remote-fix' });
    await world.env.acceptSolution(earlier.id);
    await ok(earlier.id, 'resolve', { summary: 'Box replaced, customer happy' });
    const now = await about('past.two@example.com', 'kt-17');

    const page = await signedIn('agent.li');
    await page.goto(url(`/console/complaints/${now.ticketNumber}?lang=en`));
    const card = page.locator('#past-cases');
    await expect.poll(() => card.textContent(), seen).toContain('Dry replacement box <b>sent</b>');
    expect(await card.textContent()).toContain('Box replaced, customer happy');
    expect(await card.getByRole('link', { name: earlier.ticketNumber }).getAttribute('href')).toBe(
      `/console/complaints/${earlier.ticketNumber}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'complaint-past-cases-en-1280');
  });
});
