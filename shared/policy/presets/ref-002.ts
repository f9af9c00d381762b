import { presetDocument } from './base.js';

/**
 * 002_e9644464eac74220.txt, 售后服务反馈跟踪与解决策略模板: four priorities, 紧急 / 高 / 中 / 低.
 * 002 names no solution deadline: P1-P3 keep a solution step (a P1 solution is always approved)
 * due with the resolution; 低 (light questions, long-term wishes) has none.
 * Its closing rule: only the customer's confirmation closes a complaint (步骤6-7).
 */
export const ref002Preset = presetDocument({
  gradeNames: {
    P1: { 'zh-CN': '紧急', en: 'urgent' },
    P2: { 'zh-CN': '高', en: 'high' },
    P3: { 'zh-CN': '中', en: 'medium' },
    P4: { 'zh-CN': '低', en: 'low' },
  },
  deadlines: {
    P1: {
      // 002 步骤1 首次响应: "在反馈登记后1小时内…确认收到反馈,告知预计处理时间".
      assign: { hours: 1 },
      // 002 步骤2 优先级判定, 紧急: respond within 2 h. The stored copy of 002 lost that line (it
      // starts at 高); the figure is the reference digest's (shared/reference/README.md).
      firstContact: { hours: 2 },
      // 002 步骤3 责任确认: "紧急类24小时内解决,高类48小时,中类72小时,低类7天内".
      solution: { hours: 24 },
      resolve: { hours: 24 },
    },
    P2: {
      assign: { hours: 1 }, // 002 步骤1 首次响应
      // 002 步骤2: "高:影响部分功能使用,客户情绪激动,需4小时内响应".
      firstContact: { hours: 4 },
      solution: { hours: 48 }, // 002 步骤3 "高类48小时"
      resolve: { hours: 48 },
    },
    P3: {
      assign: { hours: 1 }, // 002 步骤1 首次响应
      // 002 步骤2: "中:非核心功能问题,或一般性体验优化建议,需8小时内响应".
      firstContact: { hours: 8 },
      solution: { hours: 72 }, // 002 步骤3 "中类72小时"
      resolve: { hours: 72 },
    },
    P4: {
      assign: { hours: 1 }, // 002 步骤1 首次响应
      // 002 步骤2: "低:轻微操作疑问、长期需求建议,可24小时内响应".
      firstContact: { hours: 24 },
      resolve: { days: 7 }, // 002 步骤3 "低类7天内"
    },
  },
  workflow: {
    // 002 步骤5 客户同步: "执行过程中,每24小时向客户同步一次进展".
    progressEvery: { hours: 24 },
    // 002 步骤6 客户确认 / 回访记录: "邀请客户确认问题是否解决…更新状态为'待关闭'";
    // 步骤7: "客户确认满意后,由客服专员在记录表中标注'已关闭'".
    closing: { customerConfirms: true },
  },
});
