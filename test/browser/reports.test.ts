import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The report page in a real browser: a complaint reaches the week's counters through the local
 * stream, the page shows it in its charts and tables, a manager records an improvement action from
 * the form (what they wrote shown as text, never markup), and no page has a serious or critical
 * accessibility violation (axe).
 */
describe('the report pages in the console', { timeout: 300_000 }, () => {
  const world = consoleInBrowser('reports-console', { clockStart: new Date('2026-11-24T02:00:00Z') }, 'reports');
  const { signedIn, url, shot } = world;
  const seen = { timeout: 60_000, interval: 1_000 };

  it('shows the week with charts, targets met or not in words, and records a manager’s improvement action', async () => {
    await world.env.client.submit({
      customer: { name: 'Ann Lee', email: 'report.console@example.com', locale: 'en' },
      category: 'billing',
      description: 'I was charged twice for the same order and nobody answers my mails.',
    });
    const manager = await signedIn('manager.sun');
    const page = url('/console/reports/weekly?period=2026-W48&lang=en');
    await manager.goto(page);
    await expect
      .poll(async () => {
        await manager.reload();
        return manager.locator('#report-received-table').textContent();
      }, seen)
      .toMatch(/2026-11-24\s*1/);
    expect(await manager.locator('#report-targets-table').textContent()).toMatch(/Not met|Met|No data/);
    expect(await manager.locator('#report-on-time svg[role="img"] title').textContent()).toBe(
      'On time per step against the target',
    );
    expect(await manager.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toContain('format=csv');

    const form = manager.locator('#report-action-form');
    await form
      .getByLabel('What will be done')
      .fill('<script>alert(1)</script> Call back every billing complaint within 2 hours');
    await form.getByRole('button', { name: 'Record the action' }).click();
    await expect
      .poll(() => manager.locator('#report-actions').textContent(), seen)
      .toContain('<script>alert(1)</script> Call back');
    expect(await seriousViolations(manager)).toEqual([]);
    await shot(manager, 'report-weekly-en-1280');

    const supervisor = await signedIn('supervisor.wang', { width: 390, height: 844 });
    await supervisor.goto(url('/console/reports/weekly?period=2026-W48&lang=zh-CN'));
    expect(await supervisor.locator('#report-action-form').count()).toBe(0);
    expect(await supervisor.getByRole('link', { name: '周报' }).first().getAttribute('aria-current')).toBe('page');
    expect(await seriousViolations(supervisor)).toEqual([]);
    await shot(supervisor, 'report-weekly-zh-390');
  });
});
