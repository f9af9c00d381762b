export {
  addDuration,
  computeDeadlines,
  DEADLINE_NAMES,
  type DeadlineName,
  type NextDeadline,
  nextOpenDeadline,
  secondsUntil,
} from './deadlines.js';
export { defaultCalendarPolicy } from './default-calendar.js';
export { CalendarPolicyError, createCalendar, WorkingCalendar } from './working-calendar.js';
