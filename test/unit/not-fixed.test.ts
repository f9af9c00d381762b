import { describe, expect, it } from 'vitest';
import { saysNotFixed } from '../../shared/mail/not-fixed.js';
import { HELD_OUT_NOT_FIXED, HELD_OUT_OTHER } from './fixtures/not-fixed-held-out.js';

/** Examples the detector was written against. */
const NOT_FIXED = [
  '还是不行',
  '没有解决',
  '问题依旧',
  '你好，热水壶还是不能加热。',
  '问题还是没有解决，请尽快处理',
  '今天又坏了',
  '还是一样的问题',
  '维修之后依然漏水',
  'still not working',
  'not fixed',
  'same problem again',
  'It still does not heat up.',
  'Sorry, the problem has not been resolved.',
  'The kettle broke again yesterday.',
  "The repair didn't work.",
  'Still the same after your technician left.',
];

const NOT_A_COMPLAINT = [
  '谢谢，已经解决了',
  '已经好了，谢谢',
  '不是还不行，是已经可以用了',
  '请问什么时候退款？',
  '好的，收到',
  'Thank you, it works now.',
  'Thanks, the problem is solved.',
  'Not broken anymore, thanks!',
  'When will the refund arrive?',
  'OK, noted.',
  'I still have the receipt if you need it.',
  "It's fixed, thanks a lot.",
];

const share = (texts: readonly string[], expected: boolean) => texts.filter((t) => saysNotFixed(t) === expected).length;

describe('the not-fixed detector', () => {
  it.each(NOT_FIXED)('hears "%s" as not fixed', (text) => {
    expect(saysNotFixed(text)).toBe(true);
  });

  it.each(NOT_A_COMPLAINT)('does not hear "%s" as not fixed', (text) => {
    expect(saysNotFixed(text)).toBe(false);
  });

  it('looks only at what the customer wrote first, not at a long tail', () => {
    expect(saysNotFixed(`谢谢，已经好了。${'好'.repeat(900)}还是不行`)).toBe(false);
  });

  it('reports its figures on a held-out list it was never tuned on', () => {
    const hits = share(HELD_OUT_NOT_FIXED, true);
    const quiet = share(HELD_OUT_OTHER, false);
    console.info(
      `not-fixed detector, held out: ${hits}/${HELD_OUT_NOT_FIXED.length} not-fixed heard, ${quiet}/${HELD_OUT_OTHER.length} others left alone`,
    );
    // A floor, not a tuning target: a false reopen costs more than a miss (the reply still lands).
    expect(quiet / HELD_OUT_OTHER.length).toBeGreaterThanOrEqual(0.85);
    expect(hits / HELD_OUT_NOT_FIXED.length).toBeGreaterThanOrEqual(0.6);
  });
});
