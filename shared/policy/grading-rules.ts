import type { GradingPolicy } from './types.js';
import {
  ATTITUDE_PATTERNS,
  BATCH,
  BATCH_PATTERNS,
  BILLING_ERROR_PATTERNS,
  CHARGE_PATTERNS,
  CONTAMINATION_PATTERNS,
  CORE_FUNCTION_DOWN,
  CORE_FUNCTION_PATTERNS,
  DEFECT_PATTERNS,
  DELAY_PATTERNS,
  FEATURE_REQUEST,
  GOODS_LOST_PATTERNS,
  HAZARD,
  HAZARD_NEGATIONS,
  HAZARD_PATTERNS,
  INJURY,
  INJURY_NEGATIONS,
  INJURY_PATTERNS,
  LANGUAGE,
  LEGAL_PATTERNS,
  LEGAL_THREAT,
  MEDIA_PATTERNS,
  PAYMENT_LOST,
  PROFESSIONS,
  QUESTION_PATTERNS,
  REGULATOR_OR_MEDIA,
  REGULATOR_PATTERNS,
  REMEDY_DEMAND_PATTERNS,
  SUGGESTION_PATTERNS,
  USAGE_QUESTION,
} from './vocabulary.js';

/**
 * The default grading policy, after PRODUCT.md and the reference documents:
 * P1 safety, injury, batch defect, regulator/media/legal threat, public channels (004 level III);
 * P2 money lost, core function down, VIP and strategic customers (001 level 2, 004 level II, 002 tiers);
 * P3 service attitude, delay, billing error, logistics and product faults (the default);
 * P4 questions and suggestions, only when nothing above fires.
 */
export const defaultGradingPolicy: GradingPolicy = {
  defaultGrade: 'P3',
  language: LANGUAGE,
  rules: [
    {
      id: 'hazard',
      grade: 'P1',
      label: 'safety',
      keywords: HAZARD,
      patterns: HAZARD_PATTERNS,
      negations: HAZARD_NEGATIONS,
    },
    {
      id: 'injury',
      grade: 'P1',
      label: 'injury',
      keywords: INJURY,
      patterns: INJURY_PATTERNS,
      negations: INJURY_NEGATIONS,
    },
    {
      id: 'contamination',
      grade: 'P1',
      label: 'contaminated food or baby product',
      patterns: CONTAMINATION_PATTERNS,
    },
    { id: 'batch', grade: 'P1', label: 'batch defect', keywords: BATCH, patterns: BATCH_PATTERNS },
    {
      id: 'regulator-or-media',
      grade: 'P1',
      label: 'regulator or media threat',
      keywords: REGULATOR_OR_MEDIA,
      patterns: [...REGULATOR_PATTERNS, ...MEDIA_PATTERNS],
      // A journalist by profession is no threat to go to the press.
      negations: PROFESSIONS,
    },
    { id: 'legal-threat', grade: 'P1', label: 'legal threat', keywords: LEGAL_THREAT, patterns: LEGAL_PATTERNS },
    { id: 'regulator-channel', grade: 'P1', label: 'regulator channel', channels: ['regulator'] },
    // 004: a complaint made on social media is public and a risk to the brand (重大舆情).
    { id: 'social-channel', grade: 'P1', label: 'public social media', channels: ['social'] },

    // 000 特急: 客户重大损失. An operator sets the amount; money lost below it is P2 (001 二级 经济损失).
    {
      id: 'major-loss',
      grade: 'P1',
      label: 'major money loss',
      keywords: PAYMENT_LOST,
      patterns: [...CHARGE_PATTERNS, ...GOODS_LOST_PATTERNS],
      amountAtLeast: 50_000,
    },
    {
      id: 'payment-lost',
      grade: 'P2',
      label: 'money lost',
      keywords: PAYMENT_LOST,
      patterns: [...CHARGE_PATTERNS, ...GOODS_LOST_PATTERNS],
    },
    {
      id: 'loss-claimed',
      grade: 'P2',
      label: 'loss with refund or compensation demanded',
      remedies: ['refund', 'compensation'],
      keywords: ['损失', '误工', '赔偿损失', 'loss', 'losses', 'lost', 'cost me', 'out of pocket'],
    },
    {
      id: 'core-function-down',
      grade: 'P2',
      label: 'core function down',
      keywords: CORE_FUNCTION_DOWN,
      patterns: CORE_FUNCTION_PATTERNS,
      // "偶尔黑屏", "sometimes won't connect": a fault that comes and goes leaves the product usable (004 Ⅰ级).
      mildGrade: 'P3',
    },
    { id: 'key-customer', grade: 'P2', label: 'key customer', tiers: ['vip', 'strategic'] },

    {
      id: 'service-attitude',
      grade: 'P3',
      label: 'service attitude',
      patterns: ATTITUDE_PATTERNS,
      keywords: ['挂我电话', '骂人'],
    },
    {
      id: 'delay',
      grade: 'P3',
      label: 'delay',
      patterns: DELAY_PATTERNS,
      keywords: ['迟到', '超时', '等了', '催了', '没有回复', '没人回复', 'still waiting', 'never arrived'],
    },
    {
      id: 'billing-error',
      grade: 'P3',
      label: 'billing error',
      askable: true,
      patterns: BILLING_ERROR_PATTERNS,
    },
    {
      id: 'logistics-problem',
      grade: 'P3',
      label: 'logistics problem',
      askable: true,
      keywords: [
        '错发',
        '发错',
        '漏发',
        '少发',
        '送错',
        '破损',
        '压坏',
        '丢件',
        'wrong item',
        'missing item',
        'arrived damaged',
        'damaged in transit',
        'crushed',
        'lost parcel',
        'lost package',
        'never delivered',
        'marked as delivered',
      ],
    },
    {
      id: 'product-fault',
      grade: 'P3',
      label: 'product fault',
      askable: true,
      patterns: DEFECT_PATTERNS,
      keywords: ['报错', '连不上', 'crashes', 'error', 'not working', 'doesnt work'],
    },

    // A remedy demanded outside a question: the customer wants something put right, not an answer.
    {
      id: 'remedy-demanded',
      grade: 'P3',
      label: 'remedy demanded',
      askable: true,
      patterns: REMEDY_DEMAND_PATTERNS,
    },

    {
      id: 'usage-question',
      grade: 'P4',
      label: 'question',
      form: true,
      keywords: USAGE_QUESTION,
      patterns: QUESTION_PATTERNS,
    },
    {
      id: 'suggestion',
      grade: 'P4',
      label: 'suggestion',
      form: true,
      keywords: [...FEATURE_REQUEST, '建议', 'suggest', 'suggestion', 'would be nice', 'would be great'],
      patterns: SUGGESTION_PATTERNS,
    },
    { id: 'chosen-feature-request', grade: 'P4', label: 'suggestion', categories: ['feature_request'] },
  ],
};
