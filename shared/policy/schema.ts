import { ValidationError } from '../errors/index.js';
import type { IntakePolicy } from './types.js';

/** What is stored and versioned: every section an operator may change, never the staff. */
export type PolicyDocument = Omit<IntakePolicy, 'staff'>;

const SECTIONS = [
  'deadlines',
  'calendar',
  'statusLinkTtlDays',
  'duplicateWindowMinutes',
  'workflow',
  'grading',
  'routing',
] as const satisfies readonly (keyof PolicyDocument)[];

/**
 * A policy document as an operator sent it, checked. Contract placeholder (issue 9): it refuses
 * anything but an object with exactly the known sections; the zod schema of every field replaces
 * the body of this function, not its signature. Throws ValidationError, one entry per field.
 */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError({ policy: { code: 'invalid_type', params: { expected: 'object' } } });
  }
  const fields: Record<string, { code: string }> = {};
  for (const key of Object.keys(input))
    if (!(SECTIONS as readonly string[]).includes(key)) fields[key] = { code: 'unknown' };
  for (const key of SECTIONS) if (!(key in input)) fields[key] = { code: 'required' };
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  return input as PolicyDocument;
}

/** The top-level sections whose content differs between two documents. */
export function changedSections(before: PolicyDocument | undefined, after: PolicyDocument): string[] {
  return SECTIONS.filter((s) => JSON.stringify(before?.[s]) !== JSON.stringify(after[s]));
}
