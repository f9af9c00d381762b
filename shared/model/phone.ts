/**
 * One spelling per phone number, so a number stored as "138 0013 8000" is found as
 * "+86 138-0013-8000" or "008613800138000". Without a country code a number is read as Chinese
 * (the company's customers are in China): an 11-digit number starting with 1 is a mobile, one
 * starting with the trunk 0 a landline with its area code. Anything else without a country code
 * (a local landline without area code) keeps its digits only: found again when written the same way.
 */
export function normalisePhone(written: string): string | undefined {
  // "+44 (0)20 …": the bracketed trunk 0 is dialled only inside the country, never after its code.
  const trimmed = written.trim().replaceAll('(0)', '');
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS) return undefined;
  let international: string;
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (/^861\d{10}$/.test(digits)) international = digits;
  else if (digits.startsWith('0')) international = `86${digits.slice(1)}`;
  else if (/^1\d{10}$/.test(digits)) international = `86${digits}`;
  else return digits;
  // "+86 021 …" (the trunk 0 kept after the country code): China's numbers never start with 0.
  if (international.startsWith('860')) international = `86${international.slice(3)}`;
  return `+${international}`;
}

/** Fewer digits than this is no phone number anyone can be called on. */
const MIN_DIGITS = 5;

/** Whether a search text reads as a phone number: only what people write numbers with, and enough digits. */
export const looksLikePhone = (text: string): boolean =>
  /^\+?[\d\s().-]+$/.test(text.trim()) && text.replace(/\D/g, '').length >= 7;
