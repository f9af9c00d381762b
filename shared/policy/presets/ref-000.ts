import { presetDocument } from './base.js';

/**
 * 000_e1b039389566abaa.txt, 产品问题投诉处理模板: three tiers, 普通 / 紧急 / 特急. Questions and
 * suggestions (our P4) are 普通 there too; they get no separate solution step, as in every preset.
 * 000 times the registration by tier and everything after it alike, whatever the tier.
 */
export const ref000Preset = presetDocument({
  gradeNames: {
    P1: { 'zh-CN': '特急', en: 'extra urgent' },
    P2: { 'zh-CN': '紧急', en: 'urgent' },
    P3: { 'zh-CN': '普通', en: 'normal' },
    P4: { 'zh-CN': '普通', en: 'normal' },
  },
  deadlines: {
    P1: {
      // 000 步骤1: "特急投诉(如涉及安全隐患、客户重大损失):10分钟内启动响应流程".
      assign: { minutes: 10 },
      // 000 步骤3: "责任人收到投诉后,需在4小时内与客户联系".
      firstContact: { hours: 4 },
      // 000 步骤4 时效要求: "普通问题:24小时内给出解决方案并执行".
      solution: { hours: 24 },
      // 000 步骤4 时效要求: "复杂问题:48小时内给出方案并同步进展" (000 names no later limit).
      resolve: { hours: 48 },
    },
    P2: {
      // 000 步骤1: "紧急投诉:30分钟内响应并完成登记".
      assign: { minutes: 30 },
      firstContact: { hours: 4 }, // 000 步骤3
      solution: { hours: 24 }, // 000 步骤4 普通问题
      resolve: { hours: 48 }, // 000 步骤4 复杂问题
    },
    P3: {
      // 000 步骤1: "普通投诉:2小时内完成登记并分类".
      assign: { hours: 2 },
      firstContact: { hours: 4 }, // 000 步骤3
      solution: { hours: 24 }, // 000 步骤4 普通问题
      resolve: { hours: 48 }, // 000 步骤4 复杂问题
    },
    P4: {
      assign: { hours: 2 }, // 000 步骤1 普通投诉
      firstContact: { hours: 4 }, // 000 步骤3
      resolve: { hours: 48 }, // 000 步骤4 复杂问题
    },
  },
  workflow: {
    // 000 步骤5: "解决方案执行后,2小时内主动联系客户,确认问题是否解决、处理结果是否满意".
    resultWithin: { hours: 2 },
    // 000 names no closing time: closed 3 working days after the survey, as 003 步骤5 (the default).
  },
});
