import { describe, expect, it } from 'vitest';
import { type RouteInput, routeComplaint } from '../../shared/grading/route.js';
import { defaultRoutingPolicy } from '../../shared/policy/routing-rules.js';
import type { RoutingPolicy } from '../../shared/policy/types.js';
import { complaintCorpus } from './fixtures/complaints.js';

const route = (input: RouteInput, policy: RoutingPolicy = defaultRoutingPolicy) => routeComplaint(input, policy);
const text = (description: string): RouteInput => ({ channel: 'web', description });
const involvesLegalPr = (reasons: string[]) => reasons.some((reason) => reason.startsWith('involve legal_pr'));

describe('routing the complaint corpus with the default policy', () => {
  it.each(complaintCorpus)(
    'routes $name to $expected.category, owned by $expected.department',
    ({ input, expected }) => {
      const decision = route(input);
      expect({ category: decision.category, department: decision.department }).toEqual({
        category: expected.category,
        department: expected.department,
      });
    },
  );

  it.each(complaintCorpus)(
    'consults legal/PR for $name only when a regulator, the press or a lawyer is involved',
    ({ input, expected }) => {
      expect(involvesLegalPr(route(input).reasons)).toBe(expected.legalPr ?? false);
    },
  );

  it.each(complaintCorpus)('explains where $name went and why', ({ input }) => {
    const { category, department, reasons } = route(input);
    expect(reasons[0]).toMatch(
      new RegExp(`^category ${category}\\b.*: (keywords? "|remedy |chosen by customer|no routing rule matched)`),
    );
    expect(reasons[1]).toBe(`department ${department}: owns category ${category}`);
  });
});

describe('the category a customer chose', () => {
  it('wins over the rules', () => {
    const decision = route({ ...text('The courier was late and rude.'), category: 'service' });
    expect(decision).toEqual({
      category: 'service',
      department: 'customer_service',
      reasons: ['category service: chosen by customer', 'department customer_service: owns category service'],
    });
  });

  it('does not stop the rules when it is "other", which tells us nothing', () => {
    expect(route({ ...text('The courier never delivered my parcel.'), category: 'other' }).category).toBe('logistics');
  });
});

describe('rule order', () => {
  it('puts danger before money: a smoking charger with a refund demand goes to quality', () => {
    const decision = route(text('The charger was smoking. I was charged twice for it too, I want my money back.'));
    expect(decision.category).toBe('safety');
    expect(decision.department).toBe('quality');
  });

  it('falls back to the requested remedy when no keyword fires', () => {
    expect(route({ ...text('不想要了。'), requestedRemedy: 'repair' }).reasons[0]).toBe(
      'category after_sales (repair, replacement or refund): remedy repair',
    );
  });

  it('falls back to the default category when nothing fires', () => {
    expect(route(text('还行吧。')).reasons[0]).toBe('category other by default: no routing rule matched');
  });
});

describe('legal/PR involvement', () => {
  it('is noted for a regulator channel without taking ownership away', () => {
    const decision = route({ channel: 'regulator', description: '消费者反映发票抬头开错。' });
    expect(decision.department).toBe('finance');
    expect(decision.reasons).toContain('involve legal_pr (regulator or public channel): channel regulator');
  });

  it('is not noted twice when legal/PR already owns the complaint', () => {
    const legalOwnsOther: RoutingPolicy = {
      ...defaultRoutingPolicy,
      departmentByCategory: { ...defaultRoutingPolicy.departmentByCategory, other: 'legal_pr' },
    };
    const decision = route({ channel: 'regulator', description: 'Consumer requests an explanation.' }, legalOwnsOther);
    expect(decision.department).toBe('legal_pr');
    expect(involvesLegalPr(decision.reasons)).toBe(false);
  });
});

describe('the routing policy is data', () => {
  it('sends a complaint elsewhere when an operator adds a rule in front', () => {
    const recall: RoutingPolicy = {
      ...defaultRoutingPolicy,
      rules: [{ id: 'recall', category: 'safety', label: 'recall', keywords: ['召回'] }, ...defaultRoutingPolicy.rules],
    };
    const question = text('请问这款型号召回怎么登记？');
    // A how-to question is "other" by default (003's after-sales is repairs, parts and returns).
    expect(route(question).category).toBe('other');
    expect(route(question, recall)).toMatchObject({ category: 'safety', department: 'quality' });
  });

  it('changes the owning department when an operator remaps a category', () => {
    const invoice = text('The invoice has the wrong VAT number.');
    const billingToService: RoutingPolicy = {
      ...defaultRoutingPolicy,
      departmentByCategory: { ...defaultRoutingPolicy.departmentByCategory, billing: 'customer_service' },
    };
    expect(route(invoice).department).toBe('finance');
    expect(route(invoice, billingToService).department).toBe('customer_service');
  });

  it('decides by the first rule that fires, so reordering the rules changes the category', () => {
    const lateAndRude = text('The courier was rude and the parcel is late; your agent did not help either.');
    const serviceFirst: RoutingPolicy = {
      ...defaultRoutingPolicy,
      rules: [...defaultRoutingPolicy.rules].sort(
        (a, b) => Number(b.category === 'service') - Number(a.category === 'service'),
      ),
    };
    expect(route(lateAndRude).category).toBe('logistics');
    expect(route(lateAndRude, serviceFirst).category).toBe('service');
  });
});

describe('routing by what the complaint is about, in new words', () => {
  it.each([
    ['a fault that keeps coming back', 'Why does the doorbell keep dropping off the wifi?', 'function_fault'],
    ['a fault that keeps coming back (zh)', '这个投影仪老是自己关机。', 'function_fault'],
    ['a question about paying', 'Can I pay with Apple Pay in the store?', 'billing'],
    ['an order that has not shipped', 'where is my order, it was meant to ship on Monday', 'logistics'],
    ['goods unlike their description', 'The curtains look nothing like the photos on the site.', 'product_quality'],
    ['a line nobody answers', 'I have been on hold for an hour and nobody will call back.', 'service'],
  ])('sends %s to %s', (_what, description, category) => {
    expect(route(text(description)).category).toBe(category);
  });

  it('owns a public threat by the department that fixes the fault and involves legal/PR', () => {
    const decision = route(text('The dishwasher stopped working and if it is not fixed I will post it on TikTok.'));
    expect(decision.department).toBe('technical_support');
    expect(involvesLegalPr(decision.reasons)).toBe(true);
  });

  it('does not involve legal/PR for a journalist by profession', () => {
    const decision = route(text("I'm a journalist working from home, so please deliver after noon."));
    expect(involvesLegalPr(decision.reasons)).toBe(false);
  });
});
