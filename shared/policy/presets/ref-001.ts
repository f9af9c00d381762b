import { presetDocument } from './base.js';

/**
 * 001_735c9bdf87339ba6.txt, 解决客户投诉处理不及时的问题的解决方案: three levels, 一级 (紧急, safety),
 * 二级 (重要, money lost), 三级 (常规). Questions and suggestions (our P4) are 三级 there, with no
 * solution step. Where 001 names no solution deadline, the solution is due with the resolution.
 */
export const ref001Preset = presetDocument({
  gradeNames: {
    P1: { 'zh-CN': '一级（紧急）', en: 'level 1 (urgent)' },
    P2: { 'zh-CN': '二级（重要）', en: 'level 2 (important)' },
    P3: { 'zh-CN': '三级（常规）', en: 'level 3 (routine)' },
    P4: { 'zh-CN': '三级（常规）', en: 'level 3 (routine)' },
  },
  deadlines: {
    P1: {
      // 001 二(二) 全流程规范梳理: "责任分配≤2小时"; an owner must be there by the 1 h response.
      assign: { hours: 1 },
      // 001 二(一) 分级响应要求: "一级投诉1小时内响应,24小时内出具解决方案".
      firstContact: { hours: 1 },
      solution: { hours: 24 },
      // 001 names no completion for 一级: no later than 二级's "48小时内完成处理".
      resolve: { hours: 48 },
    },
    P2: {
      assign: { hours: 2 }, // 001 二(二): "责任分配≤2小时"
      // 001 二(一): "二级投诉2小时内响应,48小时内完成处理".
      firstContact: { hours: 2 },
      solution: { hours: 48 },
      resolve: { hours: 48 },
    },
    P3: {
      assign: { hours: 2 }, // 001 二(二): "责任分配≤2小时"
      // 001 二(一): "三级投诉4小时内响应,72小时内闭环".
      firstContact: { hours: 4 },
      solution: { hours: 72 },
      resolve: { hours: 72 },
    },
    P4: {
      assign: { hours: 2 }, // 001 二(二)
      firstContact: { hours: 4 }, // 001 二(一) 三级
      resolve: { hours: 72 }, // 001 二(一) 三级
    },
  },
  workflow: {
    // 001 二(二) 关键节点管控: "一级/二级投诉每日同步进度,三级投诉每24小时同步".
    progressEvery: { hours: 24 },
    // 001 二(三) 处理结果反馈: "投诉处理完成后24小时内…反馈处理结果".
    resultWithin: { hours: 24 },
    // 001 二(三) 满意度回访: "对不满意客户48小时内二次跟进".
    reopenFollowUpWithin: { hours: 48 },
    // 001 names no closing time: closed 3 working days after the survey, as 003 步骤5 (the default).
  },
});
