import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { BadRequestError } from '../../shared/errors/index.js';
import { httpHandler } from '../../shared/http/handler.js';
import { idempotencyKeyOf, ifMatchOf } from '../../shared/http/headers.js';
import { json } from '../../shared/http/response.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { message } from '../../shared/i18n/messages.js';
import { ComplaintInput, type Locale } from '../../shared/model/complaint.js';
import { logger } from '../../shared/observability.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/** An endpoint that validates a complaint and echoes nothing but "ok". */
const endpoint = httpHandler(
  async (request) => {
    parseOrThrow(ComplaintInput, request.body);
    return json(201, { ok: true });
  },
  { body: { maxBodyBytes: 1024 } },
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
  const refusal = httpHandler(async () => {
    throw new BadRequestError('malformed_json');
  });
  const languageOf = async (headers: Record<string, string>, query?: Record<string, string>) => {
    const response = await refusal(httpEvent({ method: 'GET', headers, query }), lambdaContext);
    const text = JSON.parse(response.body as string).message as string;
    return text === message('zh-CN', 'malformed_json')
      ? 'zh-CN'
      : text === message('en', 'malformed_json')
        ? 'en'
        : text;
  };

  it.each([
    [undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,zh;q=0.5', 'zh-CN'],
    ['en;q=0.3, zh;q=0.7', 'zh-CN'],
    ['de', 'en'],
  ])('reads Accept-Language %s as %s', async (header, expected) => {
    expect(await languageOf(header ? { 'accept-language': header } : {})).toBe(expected);
  });

  it('lets ?lang= override the browser’s Accept-Language', async () => {
    expect(await languageOf({ 'accept-language': 'en-GB' }, { lang: 'zh-CN' })).toBe('zh-CN');
    expect(await languageOf({ 'accept-language': 'zh-CN' }, { lang: 'en' })).toBe('en');
    expect(await languageOf({ 'accept-language': 'zh-CN' }, { lang: 'fr' })).toBe('zh-CN');
  });
});

describe('plain form posts', () => {
  const echo = httpHandler(
    async (request) => json(200, { body: request.body, form: request.fromForm, lang: request.locale }),
    {
      body: { maxBodyBytes: 1024, form: true },
    },
  );

  it('reads an HTML form post as fields, and its lang field as the caller’s language', async () => {
    const response = await echo(
      httpEvent({
        body: 'message=%E4%BD%A0%E5%A5%BD+there&lang=zh-CN',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      }),
      lambdaContext,
    );
    expect(JSON.parse(response.body as string)).toEqual({
      body: { message: '你好 there', lang: 'zh-CN' },
      form: true,
      lang: 'zh-CN',
    });
  });

  it('takes a long Chinese text as a form post as it would as JSON, though percent-encoding triples it', async () => {
    const text = '漏'.repeat(300);
    const asJson = Buffer.byteLength(JSON.stringify({ message: text }));
    expect(asJson).toBeLessThan(1024);
    const response = await echo(
      httpEvent({
        body: new URLSearchParams({ message: text }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string).body.message).toBe(text);
  });

  it('answers a refused form post with a page when the endpoint has one', async () => {
    const refusing = httpHandler(
      async () => {
        throw new BadRequestError('malformed_json');
      },
      { body: { maxBodyBytes: 1024, form: true }, errorPage: (refusal) => `<p>${refusal.message}</p>` },
    );
    const response = await refusing(
      httpEvent({ body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe('<p>The request body is not valid JSON.</p>');
  });
});

describe('every 400 says what is wrong', () => {
  const withKey = httpHandler(async (request) => {
    idempotencyKeyOf(request.header('idempotency-key'));
    ifMatchOf(request.header('if-match'));
    return json(200, { ok: true });
  });
  const call = async (headers: Record<string, string>) => {
    const response = await withKey(httpEvent({ method: 'GET', headers }), lambdaContext);
    return { status: response.statusCode, body: JSON.parse(response.body as string) };
  };

  it('tells a client whose Idempotency-Key has 7 characters what a key must be, in English and Chinese', async () => {
    const en = await call({ 'idempotency-key': 'abc1234' });
    expect(en.status).toBe(400);
    expect(en.body.error).toBe('idempotency_key_invalid');
    expect(en.body.message).toBe(
      'The Idempotency-Key header must be 8 to 128 visible ASCII characters (letters, digits, punctuation; no spaces); this one has 7.',
    );
    const zh = await call({ 'idempotency-key': 'abc1234', 'accept-language': 'zh-CN' });
    expect(zh.body.message).toBe(
      'Idempotency-Key 请求头须为 8 至 128 个可见 ASCII 字符（字母、数字、标点，不含空格），当前为 7 个。',
    );
    expect((await call({ 'idempotency-key': crypto.randomUUID() })).status).toBe(200);
  });

  it('tells a client whose If-Match is not a version what it should be', async () => {
    const { status, body } = await call({ 'if-match': 'yesterday' });
    expect(status).toBe(400);
    expect(body.message).toBe('The If-Match header must be the version from the complaint’s ETag, such as "3".');
    expect((await call({ 'if-match': 'W/"12"' })).status).toBe(200);
  });

  it.each<Locale>(['en', 'zh-CN'])(
    'has a message of its own, in %s, for every kind of bad request we name',
    (locale) => {
      const codes: BadRequestError['code'][] = [
        'malformed_json',
        'malformed_form',
        'body_too_large',
        'unsupported_media_type',
        'idempotency_key_invalid',
        'if_match_invalid',
        'page_limit_invalid',
        'cursor_invalid',
      ];
      const generic = [message(locale, 'bad_request'), message(locale, 'invalid')];
      for (const code of codes) expect(generic).not.toContain(message(locale, code, { min: 8, max: 128, length: 7 }));
    },
  );
});

describe('invisible characters and impossible dates', () => {
  const submit = (body: unknown, lang: Locale = 'en') =>
    endpoint(httpEvent({ body: JSON.stringify(body), headers: { 'accept-language': lang } }), lambdaContext).then(
      (r) => ({ status: r.statusCode, body: JSON.parse(r.body as string) }),
    );

  it.each([
    ['\u0085', 'U+0085'],
    ['\u009b', 'U+009B'],
    ['\u2028', 'U+2028'],
    ['\u2029', 'U+2029'],
    ['\u202a', 'U+202A'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u2069', 'U+2069'],
    ['\u200b', 'U+200B'],
    ['\u200d', 'U+200D'],
    ['\ufeff', 'U+FEFF'],
  ])('refuses %j in a name and in a description, naming it', async (char, name) => {
    const inName = await submit({ ...valid, customer: { ...valid.customer, name: `Ann${char}Lee` } });
    expect(inName.status).toBe(400);
    expect(inName.body.fields['customer.name']).toBe(
      `Contains an invisible or text-direction character (${name}) that cannot be accepted; please remove it.`,
    );
    const inDescription = await submit({ ...valid, description: `leaks${char}badly` }, 'zh-CN');
    expect(inDescription.body.fields.description).toBe(
      `包含无法接受的不可见字符或文字方向控制字符（${name}），请删除。`,
    );
  });

  it('keeps ordinary Chinese, accents and emoji', async () => {
    expect(
      (await submit({ ...valid, customer: { ...valid.customer, name: 'Zoë 王伟' }, description: '漏水 💧' })).status,
    ).toBe(201);
  });

  it('refuses a purchase date that has no day in the calendar', async () => {
    for (const date of ['2026-13-45', '2026-02-30', '2025-02-29', '2026-00-10']) {
      const { status, body } = await submit({ ...valid, product: { purchaseDate: date } });
      expect(status).toBe(400);
      expect(body.fields['product.purchaseDate']).toBe(
        `${date} is not a date in the calendar (month 01-12, a day that month has).`,
      );
    }
    const zh = await submit({ ...valid, product: { purchaseDate: '2026-13-45' } }, 'zh-CN');
    expect(zh.body.fields['product.purchaseDate']).toBe(
      '2026-13-45 不是有效日期（月份为 01-12，日期须在该月天数之内）。',
    );
    expect((await submit({ ...valid, product: { purchaseDate: '2024-02-29' } })).status).toBe(201);
  });
});

describe('logging at the edge', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('SILENT');
  });

  it('puts the Lambda context and the complaint id on every line, and forgets the id after the invocation', async () => {
    const lines: Record<string, unknown>[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(JSON.parse(String(chunk)));
      return true;
    });
    const logging = httpHandler(async (request) => {
      // The suite runs silent, and the middleware restores the configured level at each invocation.
      logger.setLogLevel('INFO');
      if (request.event.pathParameters?.id) logger.appendKeys({ complaintId: request.event.pathParameters.id });
      logger.info('working');
      return json(200, {});
    });
    const context = { ...lambdaContext, functionName: 'staff-action', awsRequestId: 'req-42' } as Context;
    await logging(httpEvent({ method: 'GET', pathParameters: { id: 'c-1' } }), context);
    await logging(httpEvent({ method: 'GET' }), context);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      message: 'working',
      complaintId: 'c-1',
      function_name: 'staff-action',
      function_request_id: 'req-42',
    });
    expect(lines[1]).not.toHaveProperty('complaintId');
  });
});

describe('a list asked for badly', () => {
  // Refused before any query is sent, so no table is needed.
  const store = new DynamoComplaintStore({ doc: {} as never, tableName: 'unused' });

  it('says what a page size must be and that a cursor must be one of ours', async () => {
    await expect(store.listByOwner('agent.li', { limit: 0 })).rejects.toMatchObject({
      code: 'page_limit_invalid',
      params: { max: 100 },
    });
    await expect(store.listByOwner('agent.li', { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
      code: 'cursor_invalid',
    });
    expect(message('en', 'page_limit_invalid', { max: 100 })).toBe(
      'The page size must be a whole number from 1 to 100.',
    );
  });
});
