import { GRADE_LABELS } from '../i18n/labels.js';
import type { Grade, Locale } from '../model/complaint.js';
import type { GradeNames } from './types.js';

/** What staff call a grade under the policy (a preset's "Ⅲ级（重大）"), or the built-in label. */
export function gradeName(grade: Grade, locale: Locale, names?: GradeNames): string {
  return names?.[grade]?.[locale] ?? GRADE_LABELS[grade][locale];
}
