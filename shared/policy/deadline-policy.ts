import type { DeadlinePolicy } from './types.js';

/** The default deadline table from PRODUCT.md (which follows the reference documents). */
export const defaultDeadlinePolicy: DeadlinePolicy = {
  P1: {
    assign: { minutes: 15 },
    firstContact: { hours: 1 },
    solution: { hours: 2 },
    resolve: { hours: 24 },
    // 004 3.2.3 Ⅲ级: "48小时内出具赔偿方案". Beyond P1's 24 h resolution, so it is enforced for a P1 left
    // open past its resolution (escalated), or one whose operator lengthens the resolution.
    compensationPlan: { hours: 48 },
  },
  P2: { assign: { hours: 1 }, firstContact: { hours: 4 }, solution: { hours: 24 }, resolve: { hours: 48 } },
  P3: {
    assign: { hours: 2 },
    firstContact: { workingDays: 1 },
    solution: { workingDays: 2 },
    resolve: { workingDays: 3 },
  },
  P4: { assign: { workingDays: 1 }, firstContact: { workingDays: 2 }, resolve: { days: 7 } },
};
