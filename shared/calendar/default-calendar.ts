import type { CalendarPolicy } from '../policy/types.js';
// Copied into the repo from the reference folder: Lambda bundles only see what is imported here.
import cn2026 from './cn-2026.json' with { type: 'json' };

/** Mainland China, 2026 State Council holiday arrangement, office hours 09:00–18:00 Beijing time. */
export const defaultCalendarPolicy: CalendarPolicy = {
  timezone: cn2026.timezone,
  workday: { start: '09:00', end: '18:00' },
  holidays: cn2026.holidays,
  workdays: cn2026.workdays,
  weekend: [6, 7],
};
