import type { WorkOrderPolicy } from './types.js';

/**
 * 004 §3.2: the engineer reports the diagnosis within 2 h; the warehouse ships parts within 24 h
 * (48 h to remote areas), here one and two working days as 001's 24 h is elsewhere; 002 §2.4: the
 * owner verifies the fix; 000: the customer confirms after the work (its signature on 004's 服务确认单).
 */
export const defaultWorkOrderPolicy: WorkOrderPolicy = {
  steps: {
    repair: ['diagnosis', 'parts', 'visit', 'verification', 'confirmation'],
    replacement: ['diagnosis', 'parts', 'verification', 'confirmation'],
    visit: ['diagnosis', 'visit', 'verification', 'confirmation'],
    parts: ['parts', 'confirmation'],
  },
  within: {
    diagnosis: { workingHours: 2 },
    parts: { workingDays: 1 },
    visit: { workingDays: 1 },
    verification: { workingHours: 4 },
    confirmation: { workingDays: 2 },
  },
  remotePartsWithin: { workingDays: 2 },
};
