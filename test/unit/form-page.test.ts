import { describe, expect, it } from 'vitest';
import { assetPath } from '../../web/assets.js';
import { complaintFromForm, formValues, renderFormPage, renderSubmittedPage } from '../../web/form-page.js';
import { FORM_SCRIPT } from '../../web/scripts/form.js';

describe('the complaint form without JavaScript', () => {
  it('is a plain form posting to complaints, carrying its language and one idempotency key', () => {
    const page = renderFormPage('zh-CN', { idempotencyKey: 'key-0123456789' });
    expect(page).toContain('<form id="complaint" method="post" action="complaints" novalidate');
    expect(page).toContain('<input type="hidden" name="lang" value="zh-CN">');
    expect(page).toContain('<input type="hidden" name="idempotencyKey" value="key-0123456789">');
    expect(page).toContain('<a href="?lang=en"');
  });

  it('reads a form post into the API’s complaint, ignoring any field the form does not have', () => {
    const body = complaintFromForm(
      {
        'customer.name': '王伟',
        'customer.email': 'wang@example.com',
        'customer.phone': '',
        description: '漏水',
        'product.purchaseDate': '2026-11-01',
        idempotencyKey: 'key-0123456789',
        lang: 'zh-CN',
        '__proto__.polluted': 'yes',
        'customer.tier': 'vip',
      },
      'zh-CN',
    );
    expect(body).toEqual({
      channel: 'web',
      customer: { locale: 'zh-CN', name: '王伟', email: 'wang@example.com' },
      description: '漏水',
      product: { purchaseDate: '2026-11-01' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shows the form again with what was typed and a message beside each field that needs fixing', () => {
    const page = renderFormPage('en', {
      idempotencyKey: 'key-0123456789',
      values: formValues({ 'customer.name': 'Ann "<b>"', description: 'Kettle <leaks>', category: 'billing' }),
      refusal: {
        statusCode: 400,
        code: 'validation_failed',
        message: 'Some fields need your attention.',
        fields: { 'customer.contact': 'Give an email address or a phone number so that we can reach you.' },
      },
    });
    expect(page).toContain('value="Ann &quot;&lt;b&gt;&quot;"');
    expect(page).toContain('>Kettle &lt;leaks&gt;</textarea>');
    expect(page).toContain('<option value="billing" selected>');
    expect(page).toContain('Some fields need your attention.');
    expect(page).toContain('Give an email address or a phone number so that we can reach you.');
  });

  it('answers with the ticket and the deadline in the company’s zone, named', () => {
    const page = renderSubmittedPage(
      { ticketNumber: '202611-0042', resolveBy: '2026-11-27T02:00:00.000Z', statusUrl: 'http://x/status/t' },
      'zh-CN',
      'Asia/Shanghai',
    );
    expect(page).toContain('202611-0042');
    expect(page).toMatch(/2026-11-27 10:00 \(北京时间 GMT\+8\)/);
    expect(page).toContain('href="http://x/status/t"');
  });
});

describe('the complaint form with JavaScript', () => {
  it('loads its script from our own origin and names the zone of the deadline it shows', () => {
    const page = renderFormPage('en', { idempotencyKey: 'key-0123456789' });
    expect(page).toContain(`<script src="${assetPath('form.js')}" defer></script>`);
    expect(FORM_SCRIPT).toContain("timeZoneName: 'short'");
  });

  it('gives its script the words of the page’s language as data, escaped', () => {
    const page = renderFormPage('zh-CN', { idempotencyKey: 'key-0123456789' });
    const messages = /data-messages="([^"]*)"/.exec(page)?.[1] ?? '';
    expect(messages).toContain('&quot;submit&quot;:&quot;提交投诉&quot;');
  });
});
