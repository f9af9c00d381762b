import { ValidationError } from '../../shared/errors/index.js';

/**
 * The policy editor's form, read the same by the console (save) and by the dry-run function (which
 * carries no page): what was typed, and the version it was based on.
 */

/** The editor as the manager last left it: what is in the textarea, and what it started from. */
export interface PolicyDraft {
  text: string;
  /** The preset the text was loaded from, saved with the version. */
  preset?: string;
  /** The version the editor's text was based on: a save with another version in force is refused (409). */
  basedOn: number;
  reason?: string;
}

/** The editor's text as a document: JSON that does not parse is refused on the field the person typed in. */
export function draftDocument(text: unknown): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : '');
  } catch {
    throw new ValidationError({ policy: { code: 'json_invalid' } });
  }
}

export const versionOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/** The editor as it was posted, to show again with a refusal. */
export function postedDraft(form: Record<string, unknown>, fallbackBasedOn: number): PolicyDraft {
  const preset = typeof form.preset === 'string' && form.preset !== '' ? form.preset : undefined;
  return {
    text: typeof form.policy === 'string' ? form.policy : '',
    basedOn: versionOf(form.basedOn) ?? fallbackBasedOn,
    ...(preset ? { preset } : {}),
    ...(typeof form.reason === 'string' ? { reason: form.reason } : {}),
  };
}
