import { BadRequestError } from '../errors/index.js';

const IDEMPOTENCY_KEY = { min: 8, max: 128, pattern: /^[\x21-\x7e]{8,128}$/ };

/**
 * The Idempotency-Key a client sent, checked at the edge so that a bad one is refused with the
 * rule it broke (a UUID fits; spaces and non-ASCII do not).
 */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (IDEMPOTENCY_KEY.pattern.test(value)) return value;
  throw new BadRequestError('idempotency_key_invalid', {
    min: IDEMPOTENCY_KEY.min,
    max: IDEMPOTENCY_KEY.max,
    length: [...value].length,
  });
}

/** If-Match names a version as an entity tag: `3`, `"3"` or `W/"3"`; anything else is refused by name. */
export function ifMatchOf(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*(?:W\/)?"?\d{1,12}"?\s*$/.test(value)) return value;
  throw new BadRequestError('if_match_invalid');
}
