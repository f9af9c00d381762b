import { describe, expect, it } from 'vitest';
import { CustomerInput } from '../../shared/model/complaint.js';
import { looksLikePhone, normalisePhone } from '../../shared/model/phone.js';

describe('normalisePhone', () => {
  it.each([
    '138 0013 8000',
    '13800138000',
    '+86 138-0013-8000',
    '+86 13800138000',
    '008613800138000',
    '8613800138000',
    '(+86) 138.0013.8000',
  ])('writes the Chinese mobile %s as +8613800138000', (written) => {
    expect(normalisePhone(written)).toBe('+8613800138000');
  });

  it.each([
    '(021) 6123 4567',
    '021-61234567',
    '+86 21 6123 4567',
    '+86 (0)21 6123 4567',
    '+86 021 6123 4567',
    '0086 21 6123 4567',
  ])('writes the Shanghai landline %s as +862161234567', (written) => {
    expect(normalisePhone(written)).toBe('+862161234567');
  });

  it.each(['+44 20 7946 0958', '0044 20 7946 0958', '+44 (0)20 7946 0958'])(
    'keeps the country code of the foreign number %s',
    (written) => {
      expect(normalisePhone(written)).toBe('+442079460958');
    },
  );

  it('keeps the digits of a local number written without area code, and refuses what is too short to call', () => {
    expect(normalisePhone('6123 4567')).toBe('61234567');
    expect(normalisePhone('12-34')).toBeUndefined();
    expect(normalisePhone('call me')).toBeUndefined();
  });

  it('tells a phone number from an order number or a name in a search box', () => {
    expect(looksLikePhone('+86 138-0013-8000')).toBe(true);
    expect(looksLikePhone('(021) 6123 4567')).toBe(true);
    expect(looksLikePhone('SO-100123')).toBe(false);
    expect(looksLikePhone('202611')).toBe(false);
  });

  it('takes each of these spellings at intake, the area code in brackets included', () => {
    for (const phone of ['138 0013 8000', '+86 138-0013-8000', '008613800138000', '(021) 6123 4567']) {
      expect(CustomerInput.safeParse({ phone }).success).toBe(true);
    }
  });
});
