import type { Complaint, Locale } from '../model/complaint.js';
import type { Block } from './letter.js';

/**
 * A calendar day as a letter writes it ("5 December 2026", "2026年12月5日"). The day is the one
 * staff typed, already in the operator's zone: it is formatted as a day, never turned into an instant.
 */
export function formatDay(day: string, locale: Locale): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (locale === 'zh-CN') return `${year}年${month}月${date}日`;
  const name = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
  return `${date} ${name} ${year}`;
}

const COPY: Record<Locale, { heading: string; version: string; release: string; intro: string }> = {
  en: {
    heading: 'The fix for your problem',
    intro: 'The problem you reported is fixed in a software update:',
    version: 'Fixed in version',
    release: 'Released on',
  },
  'zh-CN': {
    heading: '问题修复',
    intro: '您反馈的问题将在以下软件版本中修复：',
    version: '修复版本',
    release: '发布时间',
  },
};

/**
 * For a software fault with a recorded fix (000: 明确修复版本与上线时间): the version and its release
 * date, told in every mail to the customer from the one after it was recorded. Nothing otherwise.
 */
export function fixBlocks(complaint: Complaint): Block[] {
  const fix = complaint.details?.fix;
  if (!fix) return [];
  const locale = complaint.customer.locale;
  const copy = COPY[locale];
  return [
    { heading: copy.heading },
    { p: copy.intro },
    {
      facts: [
        [copy.version, fix.version],
        [copy.release, formatDay(fix.releaseDate, locale)],
      ],
    },
  ];
}

const EVIDENCE: Record<Locale, { heading: string; intro: string }> = {
  en: { heading: 'Evidence of the work', intro: 'What we did is documented here:' },
  'zh-CN': { heading: '处理凭证', intro: '处理过程的凭证如下：' },
};

/** The evidence the resolver pointed to (001, 003: the result goes to the customer with its evidence), one link each. */
export function evidenceBlocks(complaint: Complaint): Block[] {
  const evidence = complaint.resultEvidence ?? [];
  if (evidence.length === 0) return [];
  const copy = EVIDENCE[complaint.customer.locale];
  return [
    { heading: copy.heading },
    { p: copy.intro },
    ...evidence.map((e, i) => ({ link: e.url, label: e.label ?? `${i + 1}.` })),
  ];
}
