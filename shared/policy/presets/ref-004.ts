import { referenceAcceptancePolicy } from '../default-policy.js';
import { defaultRemedyStandards } from '../remedies.js';
import { presetDocument } from './base.js';

/**
 * 004_0b4f44c0d3c3bcdc.txt, 售后服务流程与投诉处理标准手册: three levels counted upwards, Ⅰ级 (一般),
 * Ⅱ级 (严重), Ⅲ级 (重大: safety, batch defects, regulator or media threats) — so our P1 is Ⅲ级.
 * Questions (our P4, 004's 使用指导) are Ⅰ级 there, with no solution step.
 */
export const ref004Preset = presetDocument({
  gradeNames: {
    P1: { 'zh-CN': 'Ⅲ级（重大）', en: 'level III (major)' },
    P2: { 'zh-CN': 'Ⅱ级（严重）', en: 'level II (serious)' },
    P3: { 'zh-CN': 'Ⅰ级（一般）', en: 'level I (general)' },
    P4: { 'zh-CN': 'Ⅰ级（一般）', en: 'level I (general)' },
  },
  deadlines: {
    P1: {
      // 004 表3-1 Ⅲ级: "立即响应(15分钟内),2小时内制定方案".
      assign: { minutes: 15 },
      firstContact: { minutes: 15 },
      solution: { hours: 2 },
      // 004 3.2.3 方案制定: "Ⅲ级:成立专项小组…48小时内出具赔偿方案…并报备法务部审核".
      resolve: { hours: 48 },
      compensationPlan: { hours: 48 },
    },
    P2: {
      // 004 3.2.2 技术支持: "转交售后工程师…工程师需在2小时内反馈诊断结果".
      assign: { hours: 2 },
      // 004 表3-1 Ⅱ级: "12小时内响应,48小时内解决" (no separate solution time: due with the resolution).
      firstContact: { hours: 12 },
      solution: { hours: 48 },
      resolve: { hours: 48 },
    },
    P3: {
      assign: { hours: 2 }, // 004 3.2.2 技术支持
      // 004 表3-1 Ⅰ级: "24小时内解决", its only time: contact and solution fall within it.
      firstContact: { hours: 24 },
      solution: { hours: 24 },
      resolve: { hours: 24 },
    },
    P4: {
      assign: { hours: 2 }, // 004 3.2.2 技术支持
      firstContact: { hours: 24 }, // 004 表3-1 Ⅰ级
      resolve: { hours: 24 }, // 004 表3-1 Ⅰ级
    },
  },
  workflow: {
    // 004 3.2.4 满意度回访: "问题解决后24小时内…进行回访".
    resultWithin: { hours: 24 },
    // 004 names no closing time: closed 3 working days after the survey, as 003 步骤5 (the default).
    // 004 3.2.3: legal review for Ⅲ级 only; 表3-1 Ⅲ级 "立即响应(15分钟内)" for telling management.
    legalReviewFor: ['P1'],
    managementNoticeWithin: { minutes: 15 },
    // 004 3.2.3 方案沟通: "方案制定后1小时内联系客户…确认客户同意后执行": the customer accepts first, never by silence.
    acceptance: referenceAcceptancePolicy,
  },
  // 004 3.2.3 方案制定, per level: the defaults' standards without 003's late-delivery voucher.
  remedies: {
    ...defaultRemedyStandards,
    P3: defaultRemedyStandards.P3.filter((s) => s.source?.startsWith('004')),
  },
});
