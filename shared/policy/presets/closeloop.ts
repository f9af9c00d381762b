import { GRADE_LABELS } from '../../i18n/labels.js';
import { defaultDeadlinePolicy } from '../deadline-policy.js';
import { presetDocument } from './base.js';

/**
 * Today's defaults (PRODUCT.md "Default policy"), which reconcile the five reference documents:
 * P1 assign 15 min (004 表3-1 Ⅲ级 "立即响应(15分钟内)"), P3 first contact 1 working day (003 步骤1
 * "1个工作日内完成首次响应"), survey closed 3 working days after it went out (003 步骤5 "3个工作日内").
 * Figures: shared/policy/deadline-policy.ts and default-policy.ts.
 */
export const closeloopPreset = presetDocument({
  gradeNames: GRADE_LABELS,
  deadlines: defaultDeadlinePolicy,
});
