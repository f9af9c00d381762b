import type * as z from 'zod/mini';
import { type FieldIssues, ValidationError } from '../errors/index.js';
import { hasMessage } from '../i18n/messages.js';

/**
 * Turns zod issues into message keys per field. Raw validator output never leaves the
 * function: callers get one clear, translated sentence per field.
 */
export function toFieldIssues(error: z.core.$ZodError): FieldIssues {
  const fields: FieldIssues = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue; // the first problem with a field is the one worth fixing first
    fields[path] = describeIssue(issue);
  }
  return fields;
}

function describeIssue(issue: z.core.$ZodIssue): { code: string; params?: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? { code: 'required' }
        : { code: 'wrong_type', params: { expected: issue.expected } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'required' };
      return { code: 'too_short', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'array'
        ? { code: 'too_many', params: { max: Number(issue.maximum) } }
        : { code: 'too_long', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'url') return { code: 'invalid_url' };
      return { code: hasMessage(issue.message) ? issue.message : 'invalid' };
    case 'invalid_value':
      return { code: 'invalid_option', params: { options: issue.values.map(String).join(', ') } };
    case 'custom':
      return hasMessage(issue.message) ? { code: issue.message, params: issue.params } : { code: 'invalid' };
    default:
      return { code: hasMessage(issue.message) ? issue.message : 'invalid' };
  }
}

export function parseOrThrow<T extends z.ZodMiniType>(schema: T, input: unknown): z.infer<T> {
  // reportInput lets us tell a missing field from a wrong type; the input itself never leaves this module.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}
