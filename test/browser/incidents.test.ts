import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Issue 11 (INC) in a real browser: the link in an incident's notice mail opens the console board
 * scrolled to the incident's card (the card is the page's :target), the card reads as a person needs
 * it, a manager records the plan from it, and the board has no serious accessibility violation.
 */
describe('a batch-defect incident on the console board in a browser', { timeout: 180_000 }, () => {
  const world = consoleInBrowser('incidents', { clockStart: new Date('2026-12-01T02:00:00Z') });
  const { signedIn, shot, seen } = world;

  it('opens the card from the notice mail’s link, shows its tickets and countdown, and records the plan from it', async () => {
    const submitted = [];
    for (const n of [1, 2, 3]) {
      submitted.push(
        await world.env.client.submit({
          customer: { name: `Toaster owner ${n}`, email: `toaster.${n}@example.com`, locale: 'en' },
          category: 'product_quality',
          product: { model: 'TS-9 <pro>', lot: 'B-17' },
          description: `Complaint ${n}: my TS-9 toaster burns the bread on every setting, ${n} weeks after buying it.`,
        }),
      );
    }
    const notice = await world.env.waitForMail('manager.sun@closeloop.local', /\[P1 batch defect\]/, 60_000);
    const link = /https?:\/\/\S+\/console\/board#\S+/.exec(notice.body.text ?? '')?.[0];
    expect(link).toBeDefined();

    const page = await signedIn('manager.sun');
    await page.goto(`${link!.replace('/console/board#', '/console/board?lang=en#')}`);
    const card = page.locator('article:target');
    await expect.poll(() => card.count(), seen).toBe(1);
    expect(await card.getAttribute('id')).toBe(decodeURIComponent(new URL(link!).hash.slice(1)));
    expect(await card.getByRole('heading').textContent()).toBe('TS-9 <pro>, lot B-17');
    for (const c of submitted) {
      expect(await card.getByRole('link', { name: c.ticketNumber }).getAttribute('href')).toBe(
        `/console/complaints/${c.ticketNumber}`,
      );
    }
    expect(await card.locator('time[data-deadline]').textContent()).toMatch(/left \(clock time\)|Overdue/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'board-incident-en-1280');

    await card.getByText('Record', { exact: true }).first().click();
    await card.getByLabel('What you record').selectOption('plan');
    await card.getByLabel('Text').fill('Stop shipping lot B-17; offer replacements from lot B-18.');
    await card.getByRole('button', { name: 'Record' }).click();
    const after = page.locator('article:target');
    await expect.poll(() => after.locator('[role="status"]').textContent(), seen).toBe('Plan recorded.');
    expect(await after.textContent()).toContain('Stop shipping lot B-17');
    expect(await after.locator('.incident-state').textContent()).toBe(
      'Open: plan recorded, root cause and action to come',
    );
    expect(await seriousViolations(page)).toEqual([]);

    const zh = await signedIn('head.zhao', { width: 390, height: 844 });
    await zh.goto(link!);
    await expect.poll(() => zh.locator('article:target h3').textContent(), seen).toBe('TS-9 <pro>，批次 B-17');
    expect(await seriousViolations(zh)).toEqual([]);
    await shot(zh, 'board-incident-zh-390');
  });

  it('refreshes the card in place when a fourth complaint joins, but never over a root cause being typed', async () => {
    const page = await signedIn('manager.sun');
    await page.goto(world.url('/console/board?lang=en'));
    const card = page.locator('article.incident-card').filter({ hasText: 'TS-9 <pro>, lot B-17' });
    await expect.poll(() => card.locator('.incident-tickets a').count(), seen).toBe(3);
    await card.getByText('Record', { exact: true }).first().click();
    await card.getByLabel('Text').fill('The thermostat batch from one supplier');
    await page.locator('h1').click();

    const fourth = await world.env.client.submit({
      customer: { name: 'Toaster owner 4', email: 'toaster.4@example.com', locale: 'en' },
      category: 'product_quality',
      product: { model: 'TS-9 <pro>', lot: 'B-17' },
      description: 'Complaint 4: my TS-9 toaster burns the bread on every setting, a month after buying it.',
    });
    await world.env.waitForEvent(fourth.id, 'incident_linked', 1, 60_000);
    // The refresh decides to fetch or not before its first await: counting fetches as the focus
    // event is handled tells a skipped region without waiting for anything.
    const fetches = await page.evaluate(`(() => {
      let n = 0;
      const original = window.fetch;
      window.fetch = (...args) => { n++; return original(...args); };
      window.dispatchEvent(new Event('focus'));
      window.fetch = original;
      return n;
    })()`);
    expect(fetches).toBe(0);
    expect(await card.getByLabel('Text').inputValue()).toBe('The thermostat batch from one supplier');

    await card.getByLabel('Text').fill('');
    await page.locator('h1').click();
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await expect.poll(() => card.locator('.incident-tickets a').count(), seen).toBe(4);
    expect(await card.getByRole('link', { name: fourth.ticketNumber }).count()).toBe(1);
  });
});
