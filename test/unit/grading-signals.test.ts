import { describe, expect, it } from 'vitest';
import { type GradeInput, gradeComplaint } from '../../shared/grading/grade.js';
import { routeComplaint } from '../../shared/grading/route.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';
import { defaultRoutingPolicy } from '../../shared/policy/routing-rules.js';
import type { GradingPolicy } from '../../shared/policy/types.js';

/**
 * Grading by signals (issue 9), sentence by sentence as customers write them. Each sentence here
 * is new wording, not a corpus item: the signals must hold on text nobody tuned them on.
 */
const grade = (description: string, policy: GradingPolicy = defaultGradingPolicy) =>
  gradeComplaint({ channel: 'web', description } as GradeInput, policy);
const gradeOf = (description: string) => grade(description).grade;
const reasons = (description: string) => grade(description).reasons.join('\n');

describe('each signal, in both languages', () => {
  it.each([
    ['hazard: fire', '烤箱门缝里窜出火苗,吓得我赶紧拔了插头。'],
    ['hazard: smoke', 'The toaster started smoking the second time I used it.'],
    ['hazard: sparks', '插上电源的一瞬间插座冒火花了。'],
    ['hazard: shock', 'My daughter got a shock from the lamp switch this morning.'],
    ['hazard: gas', '热水器那边有很浓的煤气味,已经开窗了。'],
    ['hazard: melting', 'The charging cable melted at the connector overnight.'],
    ['injury', 'The blade guard came off and my husband needed stitches.'],
    ['injury: burn', '电水壶把手太烫,孩子的手烫伤了。'],
    ['health: illness', 'Two of us got sick after eating the chicken salad.'],
    ['health: allergy', '用了面霜以后脸上全是红疹,医生说是过敏。'],
    ['contamination: food', '酸奶里面喝出了一根头发。'],
    ['contamination: baby product', 'There was mould inside the sealed baby food pouch.'],
    ['regulator', '再不给我处理,我就去市场监管局投诉。'],
    ['regulator (en)', 'I have filed a complaint with Trading Standards.'],
    ['media', '我要把这件事发到微博上让大家评评理。'],
    ['media (en)', "I'm going to post the whole story on TikTok tonight."],
    ['lawyer', '我已经咨询了律师,准备起诉。'],
    ['lawyer (en)', 'My solicitor will be in touch; we are taking legal action.'],
    ['batch: customers', '我们公司采购的20台里面有8台都是同样的问题。'],
    ['batch: units', 'Five of the twelve units we bought have the same cracked hinge.'],
  ])('%s → P1', (_signal, text) => {
    expect(gradeOf(text)).toBe('P1');
  });

  it.each([
    ['double charge', '同一笔订单微信扣了两次款,一共 398 元。'],
    ['double charge (en)', 'You charged my card twice for one order, $54 each.'],
    ['refund not received', '退款 560 元说好三天到账,到现在还没到账。'],
    ['refund not received (en)', 'My refund of £120 still has not arrived after a month.'],
    ['paid without an order', 'There is a charge from you on my card but I never placed an order.'],
    ['goods lost in delivery', '快递显示已签收,可是我们根本没收到货。'],
    ['goods lost (en)', 'The courier says the parcel was lost in transit.'],
    ['core function: power', '投影仪开不了机,指示灯也不亮。'],
    ['core function: cooling', 'The freezer stopped freezing and everything thawed.'],
    ['core function: service', "Nobody on our team can log in since this morning, we can't use it at all."],
  ])('%s → P2', (_signal, text) => {
    expect(gradeOf(text)).toBe('P2');
  });

  it.each([
    ['attitude', '门店店员态度很差,说话阴阳怪气的。'],
    ['attitude (en)', 'The agent was dismissive and hung up on me.'],
    ['delay', '说好三天发货,已经等了两周了还没发。'],
    ['delay (en)', 'My order has been stuck in processing for three weeks.'],
    ['billing error', '发票抬头开错了,麻烦重开。'],
    ['defect', 'The mug arrived with a chip on the rim.'],
  ])('%s → P3', (_signal, text) => {
    expect(gradeOf(text)).toBe('P3');
  });

  it.each([
    ['question', '请问这款净水器的滤芯多久换一次?'],
    ['question (en)', 'Do you ship to Northern Ireland?'],
    ['question by 是否…吗', '是否支持七天无理由退货吗?'],
    ['suggestion', '建议你们的小程序增加一个订单导出功能。'],
    ['suggestion (en)', 'It would be nice if the app had a dark mode.'],
  ])('%s → P4', (_signal, text) => {
    expect(gradeOf(text)).toBe('P4');
  });

  it('quotes the words that fired, with the signal, in the reasons', () => {
    expect(reasons('充电宝放在桌上突然冒烟了。')).toMatch(/^P1 safety: keyword "冒烟"/);
    expect(reasons('You charged me twice for the same order.')).toMatch(/P2 money lost: keyword "charged me twice"/);
  });
});

describe('negation in its own clause', () => {
  it.each([
    ['没有冒烟也没有起火', '电磁炉偶尔会停一下,没有冒烟也没有起火。', 'safety'],
    ['没有人受伤', '架子倒了,好在没有人受伤,就是地板砸了个坑。', 'injury'],
    ['我不想去12315', '我不想去12315,只希望你们给个说法。', 'regulator'],
    ['不想发到网上', '我也不想发到网上闹大,就想要个道歉。', 'regulator'],
    ["I'm not asking for a refund", "I'm not asking for a refund, I just want the right size.", 'money'],
    ['no sparks, no burning smell', 'No sparks, no burning smell, it just clicks off.', 'safety'],
    ["I won't go to the press", "I won't go to the press over this, but I'm disappointed.", 'regulator'],
    ['not a lawyer threat', "I don't want to involve a lawyer, please just fix it.", 'legal'],
  ])('cancels "%s"', (_cue, text, label) => {
    expect(reasons(text)).not.toContain(label);
    expect(gradeOf(text)).not.toBe('P1');
  });

  it('cancels only its own clause: the next clause still fires', () => {
    expect(gradeOf('我没有受伤,但是孩子的手被割伤了。')).toBe('P1');
    expect(gradeOf('Nobody was hurt, but the charger caught fire.')).toBe('P1');
  });

  it('ends at a conditional: "再不处理我就打12315" is a threat', () => {
    expect(gradeOf('再不处理我就打12315。')).toBe('P1');
    expect(gradeOf("If you don't refund me I will sue.")).toBe('P1');
  });

  it('keeps a negation that is part of the signal: "won\'t turn on", "还没到账"', () => {
    expect(gradeOf("The laptop won't turn on at all.")).toBe('P2');
    expect(gradeOf('退款 99 元一个月了还没到账。')).toBe('P2');
  });

  it('reads a question about a hazard before anything happened as a question', () => {
    expect(gradeOf('请问取暖器开一整晚会不会有安全隐患?')).toBe('P4');
    expect(gradeOf('Is it safe to leave the heater on overnight? I want to avoid any fire risk.')).toBe('P4');
  });

  it('notes a serious signal read as negated for review when nothing as serious fired', () => {
    const decision = grade('电暖器用了一个月,没有漏电也没有冒火,就是有点异响。');
    expect(decision.grade).toBe('P3');
    expect(decision.review?.join('\n')).toMatch(/P1 safety read as negated: .*漏电/);
  });
});

describe('degree words lower a signal', () => {
  it.each([
    ['偶尔', '路由器偶尔连不上网,重启一下就好了。'],
    ['不影响使用', '电视有时候会黑屏,不影响使用。'],
    ['occasionally', "The speaker occasionally won't connect to Bluetooth."],
    ['minor', "Minor issue: the display sometimes doesn't turn on at first press."],
  ])('"%s" lowers a lost core function to P3 and says so', (_degree, text) => {
    const decision = grade(text);
    expect(decision.grade).toBe('P3');
    expect(decision.reasons[0]).toMatch(/^P3 core function down \(lowered from P2 by "/);
    expect(decision.review?.join('\n')).toMatch(/P2 core function down lowered to P3/);
  });

  it('never lowers a hazard', () => {
    expect(gradeOf('充电器有点冒烟,轻微的焦味。')).toBe('P1');
    expect(gradeOf('There were a few minor sparks from the socket.')).toBe('P1');
  });
});

describe('safety first', () => {
  it('hazard or injury beats every other signal', () => {
    const decision = grade('请问怎么申请退款?快递送来的暖风机一开就冒烟,客服态度也很差,还多扣了我 200 元。');
    expect(decision.grade).toBe('P1');
    expect(decision.reasons[0]).toMatch(/^P1 safety/);
    expect(decision.reasons.map((r) => r.slice(0, 2))).toEqual(expect.arrayContaining(['P1', 'P2', 'P3', 'P4']));
  });

  it('a question with serious content keeps the content grade and is marked for review', () => {
    const decision = grade('How do I stop the kettle from giving me an electric shock every time I touch it?');
    expect(decision.grade).toBe('P1');
    expect(decision.review).toContain('a question carrying P1 safety: graded by the content');
    expect(gradeOf('请问被你们的剃须刀割伤了怎么处理?伤口还在流血。')).toBe('P1');
    expect(gradeOf('Can someone help? Our fridge is not cooling at all and the food is spoiling.')).toBe('P2');
  });

  it('marks a complaint where nothing fired for review', () => {
    expect(grade('Hmm. Not what I expected from the photos.').review).toEqual([
      'no signal fired: the default grade is a guess',
    ]);
  });

  it('does not mark a plain question or a clear complaint for review', () => {
    expect(grade('请问门店周末几点开门?').review).toBeUndefined();
    expect(grade('The charger caught fire last night.').review).toBeUndefined();
  });
});

describe('words that are not signals where they stand', () => {
  it.each([
    ['a lawyer by profession', "I'm a lawyer myself, and I found your checkout confusing."],
    ['a platform where the product was seen', '在小红书上看到你们的杯子,下单一周了还没发货。'],
    ['TikTok as the place of discovery', 'Saw this lamp on TikTok and ordered it; it arrived scratched.'],
    ['a melted ice pack', '冰袋都化了,不过东西没坏。'],
    ['a coupon that expired', '优惠券过期了,能不能再发一张?'],
  ])('does not grade %s P1', (_what, text) => {
    expect(gradeOf(text)).not.toBe('P1');
  });
});

describe('routing from the same signals', () => {
  const route = (description: string) => routeComplaint({ channel: 'web', description }, defaultRoutingPolicy);

  it.each([
    ['a hazard to safety/quality', '插座冒烟了还有焦味。', 'safety', 'quality'],
    ['a double charge to billing/finance', 'You charged me twice for the same order.', 'billing', 'finance'],
    ['goods lost in delivery to logistics', '快递显示已签收但我没收到,东西丢了。', 'logistics', 'supply_chain'],
    [
      'a lost core function to technical support',
      'The router will not power on at all.',
      'function_fault',
      'technical_support',
    ],
    ['a suggestion to product', '希望以后能出一个更大容量的版本。', 'feature_request', 'product'],
  ])('sends %s', (_what, text, category, department) => {
    expect(route(text)).toMatchObject({ category, department });
  });

  it('still routes a delivery when the customer writes it with a negation ("还不发货")', () => {
    expect(route('怎么还不发货,都十天了。').category).toBe('logistics');
  });

  it('consults legal/PR on a threat, not on a negated one', () => {
    const consulted = (text: string) => route(text).reasons.some((r) => r.startsWith('involve legal_pr'));
    expect(consulted('不解决我就发抖音曝光你们。')).toBe(true);
    expect(consulted('我不想发抖音曝光,只想解决问题。')).toBe(false);
  });
});

describe('the signals are policy data', () => {
  it('lets an operator add a pattern to a signal', () => {
    const text = '这个型号已经被召回了你们还在卖。';
    expect(gradeOf(text)).not.toBe('P1');
    const withRecall: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: defaultGradingPolicy.rules.map((rule) =>
        rule.id === 'hazard' ? { ...rule, patterns: [...(rule.patterns ?? []), '被?召回'] } : rule,
      ),
    };
    expect(grade(text, withRecall).grade).toBe('P1');
  });

  it('lets an operator turn degree lowering off for a rule', () => {
    const strict: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: defaultGradingPolicy.rules.map(({ mildGrade: _mild, ...rule }) => rule),
    };
    expect(grade('路由器偶尔连不上网。', strict).grade).toBe('P2');
  });

  it('grades money lost by an amount threshold per grade, in any currency and in 万', () => {
    expect(gradeOf('快递丢件了,货值 3999 元。')).toBe('P2');
    expect(gradeOf('快递丢件了,货值 6万元。')).toBe('P1');
    expect(grade('You charged me twice, $68,000 each time.').reasons[0]).toBe(
      'P1 major money loss: keyword "charged me twice", amount 68000 ≥ 50000',
    );
    const lower: GradingPolicy = {
      ...defaultGradingPolicy,
      rules: defaultGradingPolicy.rules.map((rule) =>
        rule.id === 'major-loss' ? { ...rule, amountAtLeast: 1000 } : rule,
      ),
    };
    expect(grade('快递丢件了,货值 3999 元。', lower).grade).toBe('P1');
    expect(grade('I was charged twice, €80 each.', lower).grade).toBe('P2');
  });

  it('refuses a pattern that is not a regular expression, naming the rule', () => {
    const broken: GradingPolicy = {
      defaultGrade: 'P3',
      rules: [{ id: 'broken', grade: 'P1', label: 'broken', patterns: ['(unclosed'] }],
    };
    expect(() => grade('anything', broken)).toThrow(/rule broken/);
  });
});
