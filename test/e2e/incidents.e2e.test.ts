import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/local/client.js';
import { consoleSession } from '../support/console-session.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

/**
 * Issue 11 (INC) on the local runtime: complaints submitted through the public API reach the
 * incident detector through DynamoDB Local's stream, the notice goes out through the local mail
 * store, and its link opens the console board on the incident's card.
 */
describe('a batch defect becomes an incident on the console board', { timeout: 180_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    // A minute of workflow time per second, from a Tuesday morning in Beijing (the e2e files' pattern).
    env = await lifecycleRuntime('incidents', { timeScale: 60, clockStart: new Date('2026-12-01T02:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  const kettle = (n: number) =>
    env.client.submit({
      customer: { name: `Kettle owner ${n}`, email: `kettle.${n}@example.com`, locale: 'en' },
      category: 'product_quality',
      product: { model: 'KX-200', lot: 'L2611' },
      description: `Complaint ${n}: my KX-200 kettle stopped heating after ${n + 2} days and the base smells burnt.`,
    });

  /** The incident's card on a console page, from its opening tag to its end. */
  const cardIn = (page: string, id: string) => {
    const start = page.indexOf(`<article class="cl-card cl-stack incident-card" id="${id}"`);
    return start < 0 ? '' : page.slice(start, page.indexOf('</article>', start));
  };
  const ticketsIn = (card: string) =>
    [...card.matchAll(/href="\/console\/complaints\/(\d{6}-\d{4,5})"/g)].map((m) => m[1]).sort();

  it('opens the incident at the third complaint, tells the quality head and a manager, and shows the card the mail links to; a fourth joins it', async () => {
    const first = [await kettle(1), await kettle(2), await kettle(3)];
    const [toManager, toHead] = await Promise.all([
      env.waitForMail('manager.sun@closeloop.local', /\[P1 batch defect\]/, 60_000),
      env.waitForMail('head.zhao@closeloop.local', /\[P1 批量缺陷\]/, 60_000),
    ]);
    for (const c of first) expect(toManager.body.text).toContain(c.ticketNumber);

    const link = new URL(/https?:\/\/\S+\/console\/board#\S+/.exec(toManager.body.text ?? '')?.[0] ?? '');
    expect(/\/console\/board#\S+/.exec(toHead.body.text ?? '')?.[0]).toBe(`${link.pathname}${link.hash}`);
    const incidentId = decodeURIComponent(link.hash.slice(1));

    const manager = await consoleSession(env.runtime.apiUrl, 'manager.sun');
    const board = await manager.get(link.pathname);
    expect(board.status).toBe(200);
    const card = cardIn(await board.text(), incidentId);
    expect(card).toContain('KX-200, lot L2611');
    expect(ticketsIn(card)).toEqual(first.map((c) => c.ticketNumber).sort());
    expect(card).toMatch(/<time class="cl-due [^"]*" datetime="[^"]+" data-deadline=/);

    const fourth = await kettle(4);
    await env.waitForEvent(fourth.id, 'incident_linked', 1, 60_000);
    const four = await eventually('the card with four tickets', async () => {
      const shown = cardIn(await (await manager.get('/console/board')).text(), incidentId);
      return ticketsIn(shown).length === 4 ? shown : undefined;
    });
    expect(ticketsIn(four)).toEqual([...first, fourth].map((c) => c.ticketNumber).sort());
    // The notice went out once: joining tells nobody again.
    expect(
      (await env.client.mails('manager.sun@closeloop.local')).filter((m) => /batch defect/.test(m.subject)),
    ).toHaveLength(1);
  });
});
