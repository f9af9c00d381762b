import { describe, expect, it } from 'vitest';
import { type GradeInput, gradeComplaint } from '../../shared/grading/grade.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';
import type { GradingPolicy } from '../../shared/policy/types.js';
import { complaintCorpus } from './fixtures/complaints.js';

const grade = (input: GradeInput, policy: GradingPolicy = defaultGradingPolicy) => gradeComplaint(input, policy);
const text = (description: string): GradeInput => ({ channel: 'web', description });

describe('grading the complaint corpus with the default policy', () => {
  it.each(complaintCorpus)('grades $name as $expected.grade', ({ input, expected }) => {
    expect(grade(input).grade).toBe(expected.grade);
  });

  it.each(complaintCorpus)('explains why $name got its grade', ({ input }) => {
    const decision = grade(input);
    expect(decision.reasons.length).toBeGreaterThan(0);
    // The first reason is the rule (or default) that set the grade, and names what it saw.
    expect(decision.reasons[0]).toMatch(new RegExp(`^${decision.grade} `));
    for (const reason of decision.reasons) {
      expect(reason).toMatch(/^P[1-4] .+: (keywords? "|channel |tier |remedy |category |no grading rule matched)/);
    }
  });
});

describe('reasons', () => {
  it('lists every rule that fired, most severe first', () => {
    const decision = grade({
      channel: 'regulator',
      description: '发票抬头开错了，消费者已向12315投诉。',
    });
    expect(decision.reasons).toEqual([
      'P1 regulator or media threat: keyword "12315"',
      'P1 regulator channel: channel regulator',
      'P3 billing error: keyword "发票抬头开错"',
    ]);
  });

  it('names a key customer by tier and a question by its keyword', () => {
    const decision = grade({ channel: 'email', customer: { tier: 'vip' }, description: 'How do I reset my password?' });
    expect(decision).toEqual({
      grade: 'P2',
      reasons: ['P2 key customer: tier vip', 'P4 question: keyword "how do i"'],
    });
  });

  it('names both the keyword and the remedy when a rule needs both', () => {
    const decision = grade({ ...text('The delay cost me a client.'), requestedRemedy: 'compensation' });
    expect(decision.reasons[0]).toBe(
      'P2 loss with refund or compensation demanded: keyword "cost me", remedy compensation',
    );
  });

  it("quotes the policy's keywords, never the customer's own words", () => {
    const decision = grade(text('MY <b>TOASTER</b> CAUGHT FIRE!!!'));
    expect(decision.reasons).toEqual(['P1 safety: keyword "caught fire"']);
  });

  it('says when no rule fired and the default grade applies, and marks the guess for review', () => {
    expect(grade(text('The colour is a bit different from the photo.'))).toEqual({
      grade: 'P3',
      reasons: ['P3 by default: no grading rule matched'],
      review: ['no signal fired: the default grade is a guess'],
    });
  });
});

describe('negation', () => {
  it.each([
    ['没有受伤', '台灯倒了，幸好没有受伤。'],
    ['没人受伤', '架子塌了，没人受伤。'],
    ['no one was hurt', 'The shelf came down in the night, no one was hurt.'],
    ['nobody got hurt', 'The lamp tipped over, nobody got hurt, thank god.'],
  ])('does not read "%s" as an injury', (_phrase, description) => {
    expect(grade(text(description)).reasons.join('\n')).not.toContain('injury');
  });

  it('still sees an injury stated next to a negated one', () => {
    const decision = grade(text('我没有受伤，但是我妈妈的手被烫伤了。'));
    expect(decision.grade).toBe('P1');
    expect(decision.reasons).toEqual(['P1 injury: keyword "烫伤"']);
  });

  it('reads "气炸了" as anger, not an explosion, but "电池炸了" as an explosion', () => {
    expect(grade(text('我真的要被你们气炸了！')).grade).not.toBe('P1');
    expect(grade(text('我真的要被你们气炸了，电池炸了！')).grade).toBe('P1');
  });
});

describe('words that look dangerous but are not', () => {
  it.each([
    ['a firewall', 'How do I set up a firewall on the router?'],
    ['fire an agent', 'That agent should be fired. Honestly fire him.'],
    ['press a button', 'I press the power button and the menu is slow.'],
    ['an agent called Sue', 'Sue from your support team was rude to me.'],
    ['an issue', 'There is an issue with my order.'],
    ['bad news', 'The bad news is the box was crushed.'],
    ['a safety lock question', 'How can I turn on the child safety lock?'],
    ['charging to 80%', '手机只能充电到80%，是不是电池有问题？'],
    ['a bank called 工商银行', '我用工商银行的卡付款的。'],
    ['a phone number containing 12315', '请回电13912315678。'],
    ['a phone number ending in 12315', '请回电13900012315。'],
  ])('does not grade %s as P1', (_what, description) => {
    expect(grade(text(description)).grade).not.toBe('P1');
  });
});

describe('spellings customers actually type', () => {
  it.each([
    ['full-width digits', '我要打１２３１５投诉你们', 'P1'],
    ['capitals', 'THE CHARGER CAUGHT FIRE', 'P1'],
    ['a phrase broken over two lines', 'the charger caught\nfire last night', 'P1'],
    ['a curly apostrophe', 'My laptop won’t turn on.', 'P2'],
    ['no apostrophe', 'my laptop wont turn on', 'P2'],
    ['a hyphen', 'I was double-charged.', 'P2'],
  ] as const)('matches %s', (_what, description, expected) => {
    expect(grade(text(description)).grade).toBe(expected);
  });

  it('looks at the subject as well as the description', () => {
    expect(grade({ channel: 'web', subject: 'Charger caught fire', description: 'See photos attached.' }).grade).toBe(
      'P1',
    );
  });
});

describe('severity', () => {
  it('lets the most severe rule win whatever else fired', () => {
    const decision = grade({
      channel: 'web',
      customer: { tier: 'vip' },
      description: 'How do I get a refund? The agent was rude and the charger is smoking.',
    });
    expect(decision.grade).toBe('P1');
    expect(decision.reasons.map((r) => r.slice(0, 2))).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('grades a question P4 only when nothing more serious fired', () => {
    expect(grade(text('How do I reset the router?')).grade).toBe('P4');
    expect(grade(text('How do I reset the router? Your agent was rude to me.')).grade).toBe('P3');
  });

  it('does not read "latest" as late', () => {
    expect(grade(text('How do I install the latest firmware?')).grade).toBe('P4');
  });

  it('grades the same complaint the same way every time and whatever the rule order', () => {
    const reversed: GradingPolicy = { ...defaultGradingPolicy, rules: [...defaultGradingPolicy.rules].reverse() };
    for (const { input } of complaintCorpus) {
      const first = grade(input);
      expect(grade(input)).toEqual(first);
      expect(grade(input, reversed).grade).toBe(first.grade);
    }
  });
});

describe('the grading policy is data', () => {
  const recallQuestion = text('听说这款型号要召回了，是真的吗？');

  it('raises a complaint when an operator adds a keyword rule', () => {
    expect(grade(recallQuestion).grade).not.toBe('P1');
    const withRecall: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: [...defaultGradingPolicy.rules, { id: 'recall', grade: 'P1', label: 'recall', keywords: ['召回'] }],
    };
    // The text is also a question by its form ("是…吗"); the content grades it, and staff are asked to check.
    expect(grade(recallQuestion, withRecall)).toEqual({
      grade: 'P1',
      reasons: ['P1 recall: keyword "召回"', 'P4 question: keyword "吗?"'],
      review: ['a question carrying P1 recall: graded by the content'],
    });
  });

  it('uses the policy default when no rule fires', () => {
    const lenient: GradingPolicy = { ...defaultGradingPolicy, defaultGrade: 'P4' };
    expect(grade(text('Colour differs from the photo.'), lenient).grade).toBe('P4');
  });

  it('lets an operator stop treating VIP customers as urgent', () => {
    const vipQuestion: GradeInput = {
      channel: 'web',
      customer: { tier: 'vip' },
      description: 'How do I pair a second remote?',
    };
    const noTiers: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: defaultGradingPolicy.rules.filter((rule) => rule.tiers === undefined),
    };
    expect(grade(vipQuestion).grade).toBe('P2');
    expect(grade(vipQuestion, noTiers).grade).toBe('P4');
  });

  it('fires a rule only when every condition it states holds', () => {
    const policy: GradingPolicy = {
      defaultGrade: 'P3',
      rules: [{ id: 'vip-refund', grade: 'P1', label: 'VIP refund', tiers: ['vip'], remedies: ['refund'] }],
    };
    const vip = { channel: 'web', customer: { tier: 'vip' }, description: 'Not happy.' } as const;
    expect(grade({ ...vip, requestedRemedy: 'refund' }, policy).grade).toBe('P1');
    expect(grade({ ...vip, requestedRemedy: 'repair' }, policy).grade).toBe('P3');
    expect(grade({ ...vip, customer: { tier: 'standard' }, requestedRemedy: 'refund' }, policy).grade).toBe('P3');
  });

  it('never fires a rule that states no condition, so a half-written rule cannot grade everything', () => {
    const policy: GradingPolicy = {
      defaultGrade: 'P3',
      rules: [
        { id: 'empty', grade: 'P1', label: 'empty' },
        { id: 'empty-lists', grade: 'P1', label: 'empty lists', keywords: [], channels: [] },
      ],
    };
    expect(grade(text('Anything at all.'), policy).grade).toBe('P3');
  });

  it('takes negations from the rule, so an operator can add one', () => {
    const description = '冰箱漏电吗？我测过了，不漏电。';
    const withNegation: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: defaultGradingPolicy.rules.map((rule) =>
        rule.id === 'hazard' ? { ...rule, negations: [...(rule.negations ?? []), '漏电吗', '不漏电'] } : rule,
      ),
    };
    expect(grade(text(description)).grade).toBe('P1');
    expect(grade(text(description), withNegation).grade).not.toBe('P1');
  });
});
