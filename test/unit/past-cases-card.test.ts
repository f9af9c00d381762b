import { describe, expect, it } from 'vitest';
import type { PastCase } from '../../shared/usecases/past-cases.js';
import { pastCasesCard } from '../../web/console/past-cases-card.js';
import { aComplaint } from '../support/complaint-factory.js';

const view = { locale: 'en' as const, timezone: 'Asia/Shanghai' };
const current = aComplaint({ category: 'product_quality', product: { model: 'KT-17 <b>x</b>' } });
const past: PastCase = {
  id: 'c-1',
  ticketNumber: '202611-0007',
  grade: 'P2',
  resolvedAt: '2026-11-12T08:00:00.000Z',
  remedy: 'refund',
  amount: 120,
  solution: 'Refund <script>alert(1)</script>',
  done: 'Refunded\n<img src=x onerror=alert(1)>',
};

describe('the past cases card', () => {
  it('shows each past case with its solution and a link to it, escaping what people wrote', () => {
    const out = pastCasesCard(view, current, [past]).value;
    expect(out).toContain('href="/console/complaints/202611-0007"');
    expect(out).toContain('Refund &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('Refunded<br>&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('KT-17 &lt;b&gt;x&lt;/b&gt;');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('CNY 120.00');
  });

  it('says so when there are none, and when the complaint has no model to look by, in Chinese too', () => {
    expect(pastCasesCard(view, current, []).value).toContain('No resolved complaint of this model and category yet.');
    const noModel = aComplaint({ product: undefined });
    expect(pastCasesCard({ ...view, locale: 'zh-CN' }, noModel, []).value).toContain('此投诉没有产品型号');
  });
});
