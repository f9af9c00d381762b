import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from '../../shared/i18n/labels.js';

// The same figures luxon gave before the working calendar moved to @date-fns/tz: a reader sees no change.
describe('a time as a person reads it', () => {
  it.each([
    ['2026-09-08T09:00:00.000Z', 'Asia/Shanghai', 'en', '8 Sept 2026 17:00 China Standard Time (GMT+8)'],
    ['2026-09-08T09:00:00.000Z', 'Asia/Shanghai', 'zh-CN', '2026-09-08 17:00 (北京时间 GMT+8)'],
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', 'en', '29 Mar 2026 01:30 Central European Standard Time (GMT+1)'],
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', 'zh-CN', '2026-03-29 01:30 (中欧标准时间 GMT+1)'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', 'en', '29 Mar 2026 03:30 Central European Summer Time (GMT+2)'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', 'zh-CN', '2026-03-29 03:30 (中欧夏令时间 GMT+2)'],
    ['2026-06-01T12:00:00.000Z', 'Asia/Kathmandu', 'en', '1 Jun 2026 17:45 Nepal Time (GMT+5:45)'],
    ['2026-06-01T12:00:00.000Z', 'Asia/Kathmandu', 'zh-CN', '2026-06-01 17:45 (尼泊尔时间 GMT+5:45)'],
    ['2026-01-01T00:00:00.000Z', 'UTC', 'en', '1 Jan 2026 00:00 Coordinated Universal Time (GMT)'],
    ['2026-01-01T00:00:00.000Z', 'UTC', 'zh-CN', '2026-01-01 00:00 (协调世界时 GMT)'],
    ['2026-07-04T15:05:00.000Z', 'America/New_York', 'en', '4 Jul 2026 11:05 Eastern Daylight Time (GMT-4)'],
    ['2026-07-04T15:05:00.000Z', 'America/New_York', 'zh-CN', '2026-07-04 11:05 (北美东部夏令时间 GMT-4)'],
    ['2026-12-31T23:59:00.000Z', 'Asia/Kolkata', 'en', '1 Jan 2027 05:29 India Standard Time (GMT+5:30)'],
    ['2026-12-31T23:59:00.000Z', 'Asia/Kolkata', 'zh-CN', '2027-01-01 05:29 (印度时间 GMT+5:30)'],
  ] as const)('shows %s in %s for %s readers as %s', (iso, timezone, locale, expected) => {
    expect(formatInstant(iso, locale, timezone)).toBe(expected);
  });

  it.each([
    ['2026-09-08T09:00:00.000Z', 'Asia/Shanghai', 'en', '8 September 2026'],
    ['2026-09-08T09:00:00.000Z', 'Asia/Shanghai', 'zh-CN', '2026年9月8日'],
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', 'en', '29 March 2026'],
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', 'zh-CN', '2026年3月29日'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', 'en', '29 March 2026'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', 'zh-CN', '2026年3月29日'],
    ['2026-06-01T12:00:00.000Z', 'Asia/Kathmandu', 'en', '1 June 2026'],
    ['2026-06-01T12:00:00.000Z', 'Asia/Kathmandu', 'zh-CN', '2026年6月1日'],
    ['2026-01-01T00:00:00.000Z', 'UTC', 'en', '1 January 2026'],
    ['2026-01-01T00:00:00.000Z', 'UTC', 'zh-CN', '2026年1月1日'],
    ['2026-07-04T15:05:00.000Z', 'America/New_York', 'en', '4 July 2026'],
    ['2026-07-04T15:05:00.000Z', 'America/New_York', 'zh-CN', '2026年7月4日'],
    ['2026-12-31T23:59:00.000Z', 'Asia/Kolkata', 'en', '1 January 2027'],
    ['2026-12-31T23:59:00.000Z', 'Asia/Kolkata', 'zh-CN', '2027年1月1日'],
  ] as const)('dates %s in %s for %s readers as %s', (iso, timezone, locale, expected) => {
    expect(formatDate(iso, locale, timezone)).toBe(expected);
  });
});
