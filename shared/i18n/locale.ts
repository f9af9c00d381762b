import type { Locale } from '../model/complaint.js';

export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The language we write for a tag @middy/http-content-negotiation picked from Accept-Language
 * (it honours q-values and prefixes): every Chinese tag reads Simplified Chinese.
 */
export function localeFromLanguageTag(tag: string): Locale {
  const lower = tag.toLowerCase();
  return lower === 'zh' || lower.startsWith('zh-') ? 'zh-CN' : 'en';
}
