import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Merging in a real browser: the owner opens the customer's second complaint, merges it into the
 * first by its ticket number, and both pages link each other on their timelines. No page has a
 * serious or critical accessibility violation (axe).
 */
describe('merging a duplicate in the console', { timeout: 180_000 }, () => {
  const world = consoleInBrowser(
    'merge-console',
    { timeScale: 60, clockStart: new Date('2026-11-24T02:00:00Z') },
    'merge',
  );
  const { signedIn, url, shot, seen } = world;

  it('merges the second complaint into the first from its page, and each timeline links the other', async () => {
    const { client } = world.env;
    const customer = { name: 'Ann Lee', email: 'merge.console@example.com', locale: 'en' as const };
    const first = await client.submit({
      customer,
      category: 'service',
      description: 'Your agent promised to call me back about my broken blender and never did.',
    });
    const second = await client.submit({
      customer,
      category: 'service',
      description: 'Still no call back about the blender, this is the second time I write.',
    });
    for (const c of [first, second]) expect((await client.act('agent.li', c.id, 'assign')).status).toBe(200);

    const agent = await signedIn('agent.li');
    await agent.goto(url(`/console/complaints/${second.ticketNumber}?lang=en`));
    const form = agent.locator('#action-merge');
    await form.getByLabel('Ticket number of the complaint that goes on').fill(first.ticketNumber);
    await form.getByLabel('Reason').fill('The same blender, written about twice.');
    expect(await seriousViolations(agent)).toEqual([]);
    await shot(agent, 'complaint-merge-form-en-1280');
    await form.getByRole('button', { name: 'Merge into the customer’s other complaint' }).click();

    await expect.poll(() => agent.locator('#status').textContent(), seen).toContain('Closed');
    const link = agent.getByRole('link', { name: first.ticketNumber });
    await expect.poll(() => link.count(), seen).toBeGreaterThan(0);
    await link.first().click();
    await expect.poll(() => agent.getByRole('link', { name: second.ticketNumber }).count(), seen).toBeGreaterThan(0);
    expect(await agent.locator('body').textContent()).toContain('Merged here from');
    expect(await seriousViolations(agent)).toEqual([]);
    await shot(agent, 'complaint-merged-from-en-1280');
  });
});
