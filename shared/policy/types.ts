import type { Category, Channel, CustomerTier, Department, Grade, Remedy } from '../model/complaint.js';

/**
 * Policies are data: an operator can replace any of these without touching code.
 * A duration is either clock time (minutes/hours/days) or working time measured on the
 * working-day calendar (workingHours/workingDays).
 */
export type Duration =
  | { minutes: number }
  | { hours: number }
  | { days: number }
  | { workingHours: number }
  | { workingDays: number };

export interface GradeDeadlines {
  acknowledge: Duration;
  firstContact: Duration;
  /** Absent when the grade needs no separate solution step (P4). */
  solution?: Duration;
  resolve: Duration;
}

export type DeadlinePolicy = Record<Grade, GradeDeadlines>;

export interface CalendarPolicy {
  /** IANA zone in which days, working hours and ticket months are counted. */
  timezone: string;
  /** Working hours on a working day, "HH:mm" local time. */
  workday: { start: string; end: string };
  /** Whole days off (local dates, inclusive ranges). */
  holidays: { name: string; from: string; to: string }[];
  /** Weekend days that are working days (China's swapped working weekends). */
  workdays: string[];
  /** ISO weekdays that are normally days off (6 = Saturday, 7 = Sunday). */
  weekend: number[];
}

/** A grading rule: when every present condition matches, the complaint is at least this grade. */
export interface GradingRule {
  id: string;
  grade: Grade;
  /** Why this rule exists, shown in the reasons, e.g. "safety". */
  label: string;
  /** Case-insensitive substrings in Chinese or English; any one matches. */
  keywords?: string[];
  channels?: Channel[];
  tiers?: CustomerTier[];
  remedies?: Remedy[];
  categories?: Category[];
}

export interface RoutingRule {
  id: string;
  category: Category;
  label: string;
  keywords?: string[];
  remedies?: Remedy[];
}

export interface RoutingPolicy {
  rules: RoutingRule[];
  defaultCategory: Category;
  departmentByCategory: Record<Category, Department>;
}

export interface GradingPolicy {
  rules: GradingRule[];
  defaultGrade: Grade;
}

export interface Policy {
  deadlines: DeadlinePolicy;
  calendar: CalendarPolicy;
  grading: GradingPolicy;
  routing: RoutingPolicy;
  /** Status links stay valid this long. */
  statusLinkTtlDays: number;
  /** A retried identical submission within this window yields the same complaint. */
  duplicateWindowMinutes: number;
}
