import { describe, expect, it } from 'vitest';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/response.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { negotiateLocale } from '../../shared/i18n/locale.js';
import { ComplaintInput } from '../../shared/model/complaint.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/** An endpoint that validates a complaint and echoes nothing but "ok". */
const endpoint = httpHandler(
  async (request) => {
    parseOrThrow(ComplaintInput, request.body);
    return json(201, { ok: true });
  },
  { jsonBody: { maxBodyBytes: 1024 } },
);

async function call(body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await endpoint(httpEvent({ body, headers }), lambdaContext);
  return { status: response.statusCode, body: JSON.parse(response.body as string) };
}

const valid = { customer: { email: 'li.na@example.com' }, description: '洗衣机漏水' };

describe('the HTTP edge', () => {
  it('answers malformed JSON with a 400 in the caller’s language', async () => {
    const zh = await call('{"description": ', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toBe('malformed_json');
    expect(zh.body.message).toBe('请求内容不是有效的 JSON。');
    const en = await call('{"description": ', { 'accept-language': 'en-GB' });
    expect(en.body.message).toBe('The request body is not valid JSON.');
  });

  it('names every invalid field with its own message', async () => {
    const { status, body } = await call(
      JSON.stringify({ customer: { email: 'not-an-email', locale: 'fr' }, channel: 'fax', description: 42 }),
      { 'accept-language': 'en' },
    );
    expect(status).toBe(400);
    expect(body.error).toBe('validation_failed');
    expect(body.fields).toEqual({
      'customer.email': 'Enter a valid email address.',
      'customer.locale': 'Choose one of: zh-CN, en.',
      channel: 'Choose one of: web, email, phone, chat, app, store, social, regulator.',
      description: 'Expected string.',
    });
  });

  it('asks for a description and a way to reach the customer, in Chinese when asked in Chinese', async () => {
    const { status, body } = await call(JSON.stringify({ customer: { name: '王伟' } }), { 'accept-language': 'zh' });
    expect(status).toBe(400);
    expect(body.fields.description).toBe('此项为必填项。');
  });

  it('refuses a customer with neither email nor phone', async () => {
    const { status, body } = await call(JSON.stringify({ customer: { name: 'Ann' }, description: 'Broken kettle' }));
    expect(status).toBe(400);
    expect(body.fields['customer.contact']).toMatch(/email address or a phone number/);
  });

  it('refuses control characters hidden in a single-line field', async () => {
    const { status, body } = await call(
      JSON.stringify({ customer: { name: 'Eve\u0007\u001b[2J', email: 'eve@example.com' }, description: 'x' }),
    );
    expect(status).toBe(400);
    expect(body.fields['customer.name']).toMatch(/control characters/);
  });

  it('keeps line breaks in a description but refuses a NUL byte', async () => {
    expect((await call(JSON.stringify({ ...valid, description: 'line one\nline two\ttabbed' }))).status).toBe(201);
    expect((await call(JSON.stringify({ ...valid, description: 'bad\u0000byte' }))).status).toBe(400);
  });

  it('refuses an oversized body before parsing it', async () => {
    const { status, body } = await call(JSON.stringify({ ...valid, description: 'x'.repeat(2000) }));
    expect(status).toBe(400);
    expect(body.error).toBe('body_too_large');
    expect(body.message).toContain('1024');
  });

  it('refuses a body that is not JSON', async () => {
    const { status, body } = await call('name=Ann', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_media_type');
  });

  it('decodes a base64 body as API Gateway delivers binary payloads', async () => {
    expect(await call(Buffer.from(JSON.stringify(valid))).then((r) => r.status)).toBe(201);
  });

  it('never returns a stack trace when something unexpected breaks', async () => {
    const broken = httpHandler(async () => {
      throw new Error('secret internals at /var/task/index.js:1');
    });
    const response = await broken(httpEvent({}), lambdaContext);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(JSON.parse(response.body as string).error).toBe('internal_error');
  });
});

describe('language negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,zh;q=0.5', 'zh-CN'],
    ['en;q=0.3, zh;q=0.7', 'zh-CN'],
    ['de', 'en'],
  ])('reads Accept-Language %s as %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
