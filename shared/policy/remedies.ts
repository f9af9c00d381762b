import type { Grade, Remedy } from '../model/complaint.js';
import type { Policy, RemedyStandard, RemedyStandards } from './types.js';

/**
 * The manuals' standard remedies per grade. Our P3 is 004's Ⅰ级 (一般), P2 its Ⅱ级 (严重), P1 its Ⅲ级 (重大);
 * P4 (questions, suggestions) needs no remedy beyond an answer. Amounts in the operator's currency (CNY).
 */
export const defaultRemedyStandards: RemedyStandards = {
  P1: [
    {
      id: 'full-refund-plus',
      remedy: 'refund',
      label: { 'zh-CN': '全额退款并额外赔偿', en: 'Full refund plus compensation' },
      source: '004 3.2.3 Ⅲ级: "48小时内出具赔偿方案(如全额退款+额外赔偿、更换新产品)"',
    },
    {
      id: 'new-product',
      remedy: 'replacement',
      label: { 'zh-CN': '更换新产品', en: 'Replace with a new product' },
      source: '004 3.2.3 Ⅲ级',
    },
  ],
  P2: [
    {
      id: 'onsite-repair',
      remedy: 'repair',
      label: { 'zh-CN': '免费上门维修', en: 'Free on-site repair' },
      maxAmount: 0,
      source: '004 3.2.3 Ⅱ级: "免费上门维修、换货或部分退款(按折旧比例计算)"',
    },
    {
      id: 'exchange',
      remedy: 'replacement',
      label: { 'zh-CN': '换货', en: 'Exchange the product' },
      maxAmount: 0,
      source: '004 3.2.3 Ⅱ级',
    },
    {
      // 004 gives a rule (by depreciation), not a figure: the amount goes by the approval threshold.
      id: 'partial-refund',
      remedy: 'refund',
      label: { 'zh-CN': '部分退款（按折旧比例）', en: 'Partial refund (by depreciation)' },
      source: '004 3.2.3 Ⅱ级',
    },
  ],
  P3: [
    {
      id: 'remote-fix',
      remedy: 'repair',
      label: { 'zh-CN': '远程指导修复', en: 'Remote guided fix' },
      maxAmount: 0,
      source: '004 3.2.3 Ⅰ级: "远程指导修复、补偿小额优惠券(如50元无门槛券)"',
    },
    {
      id: 'voucher-50',
      remedy: 'compensation',
      label: { 'zh-CN': '50 元无门槛优惠券', en: 'Voucher of 50 with no minimum spend' },
      maxAmount: 50,
      source: '004 3.2.3 Ⅰ级',
    },
    {
      id: 'apology-voucher-5',
      remedy: 'apology',
      label: { 'zh-CN': '致歉并补偿 5 元优惠券（配送延迟）', en: 'Apology and a voucher of 5 (late delivery)' },
      maxAmount: 5,
      source: '003 投诉登记表: "配送延迟3天,要求道歉并补偿5元优惠券"',
    },
  ],
  P4: [
    {
      id: 'explanation',
      remedy: 'explanation',
      label: { 'zh-CN': '解答说明', en: 'An explanation' },
      maxAmount: 0,
      source: '004 2.1 使用指导服务',
    },
  ],
};

/** The grade's standard remedies in the policy in force; none when the policy names none. */
export function remedyStandards(policy: Pick<Policy, 'remedies'>, grade: Grade): RemedyStandard[] {
  return policy.remedies?.[grade] ?? [];
}

export interface RemedyChoice {
  /** The id of the standard the proposer chose, if any. */
  standard?: string;
  remedy?: Remedy;
  amount?: number;
}

export type StandardCheck =
  | { kind: 'unknown_standard' }
  /** The proposal with the standard's remedy (and its amount, when none was given) filled in. */
  | { kind: 'checked'; remedy?: Remedy; amount?: number; standard?: RemedyStandard; aboveStandard?: string };

/**
 * Pure: the proposal read against the grade's standards. With a standard chosen, its remedy is the
 * proposal's and its limit prefills the amount; more than the limit is above the standard. Without
 * one, an amount above every standard of the same remedy in the grade is above the standard. A
 * grade with no standard of that remedy leaves the amount to the approval threshold alone.
 */
export function checkAgainstStandards(standards: RemedyStandard[], choice: RemedyChoice): StandardCheck {
  const standard = choice.standard === undefined ? undefined : standards.find((s) => s.id === choice.standard);
  if (choice.standard !== undefined && !standard) return { kind: 'unknown_standard' };
  const remedy = standard?.remedy ?? choice.remedy;
  const amount = choice.amount ?? (standard?.maxAmount ? standard.maxAmount : undefined);
  const limits = (standard ? [standard] : standards.filter((s) => s.remedy === remedy))
    .map((s) => s.maxAmount)
    .filter((max): max is number => max !== undefined);
  const limit = limits.length > 0 ? Math.max(...limits) : undefined;
  const above = amount !== undefined && limit !== undefined && amount > limit;
  return {
    kind: 'checked',
    ...(remedy ? { remedy } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(standard ? { standard } : {}),
    ...(above ? { aboveStandard: `amount above the ${standard?.id ?? 'grade'} standard of ${limit}` } : {}),
  };
}
