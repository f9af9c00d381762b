import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Departments working together in a real browser: the lead's supervisor asks supply chain from the
 * complaint page, supply chain's agent finds it in "requests to my department" and answers, and the
 * lead's page shows the answer. No page has a serious or critical accessibility violation (axe).
 */
describe('departments working together in the console', { timeout: 180_000 }, () => {
  const world = consoleInBrowser(
    'partners-console',
    { timeScale: 60, clockStart: new Date('2026-11-24T02:00:00Z') },
    'partners',
  );
  const { signedIn, url, shot, seen } = world;

  it('lets the lead ask supply chain, and supply chain answer from its requests queue', async () => {
    const submitted = await world.env.client.submit({
      customer: { name: 'Ann Lee', email: 'partner.console@example.com', locale: 'en' },
      category: 'service',
      description: 'Your agent promised to chase my parcel a week ago and nobody came back to me.',
    });
    expect(submitted.department).toBe('customer_service');
    expect((await world.env.client.act('agent.li', submitted.id, 'assign')).status).toBe(200);

    const lead = await signedIn('supervisor.wang');
    await lead.goto(url(`/console/complaints/${submitted.ticketNumber}?lang=en`));
    const ask = lead.locator('#action-request-partner');
    await ask.getByLabel('Department to ask').selectOption('supply_chain');
    await ask.getByLabel('Question').fill('Where is parcel SF1234567890? It has not moved for a week.');
    await ask.getByRole('button', { name: 'Ask another department' }).click();
    await expect.poll(() => lead.locator('#partners').textContent(), seen).toContain('Waiting for the answer');
    expect(await seriousViolations(lead)).toEqual([]);
    await shot(lead, 'complaint-partner-asked-en-1280');

    const partner = await signedIn('agent.he');
    await partner.goto(url('/console/queues/requests?lang=en'));
    const row = partner.getByRole('row').filter({ hasText: submitted.ticketNumber });
    await expect.poll(() => row.count(), seen).toBe(1);
    expect(await seriousViolations(partner)).toEqual([]);
    await shot(partner, 'queue-requests-en-1280');
    await row.getByRole('link', { name: submitted.ticketNumber }).click();
    const card = partner.locator('#partners');
    await expect.poll(() => card.isVisible(), seen).toBe(true);
    expect(await partner.locator('#action-reply').count()).toBe(0);
    await card.getByLabel('Your department’s answer').fill('Damaged at the hub; a new one ships today.');
    expect(await seriousViolations(partner)).toEqual([]);
    await shot(partner, 'complaint-partner-answer-form-en-1280');
    await card.getByRole('button', { name: 'Send the answer' }).click();
    await expect.poll(() => partner.locator('#done').isVisible(), seen).toBe(true);

    await lead.reload();
    await expect.poll(() => lead.locator('#partners').textContent(), seen).toContain('Damaged at the hub');
    await shot(lead, 'complaint-partner-answered-en-1280');
    const phone = await signedIn('agent.li', { width: 390, height: 844 });
    await phone.goto(url(`/console/complaints/${submitted.ticketNumber}?lang=zh-CN`));
    await expect.poll(() => phone.locator('#partners').textContent(), seen).toContain('已答复');
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-partner-answered-zh-390');
  });
});
