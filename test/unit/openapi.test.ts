import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { handler } from '../../functions/openapi.js';
import { InvalidTransitionError, NotFoundError, RateLimitedError, ValidationError } from '../../shared/errors/index.js';
import { errorResponse } from '../../shared/http/errors.js';
import { openApiDocument } from '../../shared/openapi/document.js';
import { type ApiOperation, apiOperations } from '../../shared/openapi/routes.js';
import { viewStaffComplaint } from '../../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { aComplaint, anEvent } from '../support/complaint-factory.js';
import { InMemoryComplaintStore } from '../support/recording-ports.js';
import { demoStaff } from '../support/staff.js';

// biome-ignore lint/suspicious/noExplicitAny: the test walks a JSON document by key, as a client would
type Json = Record<string, any>;

const document = openApiDocument() as Json;
const operations = apiOperations();

// ajv-formats is CommonJS: its function is the default export's default under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;
/**
 * Strict: a keyword JSON Schema 2020-12 does not know, or a malformed schema, fails to compile.
 * Only `required` may name a property its own subschema does not define: "email or phone" is an anyOf of requireds.
 */
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
/** The schema at a pointer of the document (following a reference to components), compiled. */
const validator = (pointer: string): ValidateFunction => {
  const schema = resolve(`#${pointer}`) as Json;
  return ajv.compile(schema.$ref ? (resolve(schema.$ref) as Json) : schema);
};

const pointerPart = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const bodyPointer = (op: ApiOperation) =>
  `/paths/${pointerPart(op.path)}/${op.method}/requestBody/content/application~1json/schema`;

function resolve(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
}

function* walk(node: unknown, path: string[] = []): Generator<[string[], Json]> {
  if (node === null || typeof node !== 'object') return;
  yield [path, node as Json];
  for (const [key, child] of Object.entries(node)) yield* walk(child, [...path, key]);
}

/** The field a refusal names: zod's path, or ajv's instance path (or the missing property). */
const zodField = (error: z.core.$ZodError) => [...new Set(error.issues.map((i) => i.path.map(String).join('.')))];
const ajvField = (errors: ErrorObject[]) => [
  ...new Set(
    errors.map((e) =>
      [...e.instancePath.split('/').slice(1), ...(e.params.missingProperty ? [e.params.missingProperty] : [])].join(
        '.',
      ),
    ),
  ),
];

const topLevel = (fields: string[]) => [...new Set(fields.map((f) => f.split('.')[0]))];

describe('GET /openapi.json', () => {
  it('answers the document as JSON that caches may keep for five minutes', async () => {
    const response = await handler();
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
    expect(JSON.parse(response.body as string)).toEqual(document);
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a title and a version', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('gives every operation a unique id, a summary and a tag it declares', () => {
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = document.tags.map((t: Json) => t.name);
    for (const [path, item] of Object.entries(document.paths as Json)) {
      expect(path).toMatch(/^\//);
      for (const op of Object.values(item as Json)) {
        expect(op.summary, path).toBeTruthy();
        for (const tag of op.tags) expect(tags).toContain(tag);
      }
    }
  });

  it('declares each path parameter of a path, required, and no other', () => {
    for (const [path, item] of Object.entries(document.paths as Json)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      for (const op of Object.values(item as Json)) {
        const declared = op.parameters.filter((p: Json) => p.in === 'path');
        expect(declared.map((p: Json) => p.name).sort(), path).toEqual(inPath);
        for (const p of declared) expect(p.required, `${path} ${p.name}`).toBe(true);
      }
    }
  });

  it('resolves every $ref inside itself', () => {
    const refs = [...walk(document)].map(([, node]) => node.$ref).filter((ref) => typeof ref === 'string');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      expect(resolve(ref), ref).toBeDefined();
    }
  });

  it('asks for the staff bearer token on every staff operation and on no customer one', () => {
    expect(document.components.securitySchemes.staffToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    for (const op of operations) {
      const described = document.paths[op.path][op.method];
      expect(described.security, op.operationId).toEqual(op.access === 'staff' ? [{ staffToken: [] }] : []);
    }
  });

  it('describes a success and the refusal shape for every operation, each response with a description', () => {
    for (const op of operations) {
      const { responses } = document.paths[op.path][op.method];
      for (const [code, response] of Object.entries(responses as Json)) {
        expect(code, op.operationId).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        const resolved = response.$ref ? (resolve(response.$ref) as Json) : response;
        expect(resolved.description, `${op.operationId} ${code}`).toBeTruthy();
      }
      expect(responses[String(op.ok.status)], op.operationId).toBeDefined();
      expect(responses['4XX']).toEqual({ $ref: '#/components/responses/Refusal' });
    }
  });

  it('holds only schemas that compile as JSON Schema 2020-12 (strict)', () => {
    const schemas = [...walk(document)].filter(([path]) => path.at(-1) === 'schema' || path.at(-2) === 'schemas');
    expect(schemas.length).toBeGreaterThan(20);
    for (const [path] of schemas)
      expect(() => validator(`/${path.map(pointerPart).join('/')}`), path.join('/')).not.toThrow();
  });
});

describe('each described request body', () => {
  const withBody = operations.filter((op): op is ApiOperation & { body: NonNullable<ApiOperation['body']> } =>
    Boolean(op.body),
  );

  it('covers every operation that reads a body', () => {
    expect(withBody.map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['submitComplaint', 'replyAsCustomer', 'answerSurvey', 'staffRegrade', 'staffReroute']),
    );
  });

  it.each(withBody.map((op) => [op.operationId, op] as const))(
    '%s: takes its example, as the handler does',
    (_, op) => {
      const described = validator(bodyPointer(op));
      expect(op.body.schema.safeParse(op.body.example).success).toBe(true);
      expect(described(op.body.example), JSON.stringify(described.errors)).toBe(true);
      expect(document.paths[op.path][op.method].requestBody.content['application/json'].example).toEqual(
        op.body.example,
      );
    },
  );

  it.each(withBody.map((op) => [op.operationId, op] as const))(
    '%s: refuses a wrong value or a missing field where the handler does, naming the same field, and agrees on partial bodies',
    (_, op) => {
      const described = validator(bodyPointer(op));
      const example = op.body.example as Json;
      const schema = resolve(`#${bodyPointer(op)}`) as Json;
      const bad: Json[] = [
        ...Object.keys(example).map((key) => ({ ...example, [key]: { wrong: true } })),
        ...((schema.required ?? []) as string[]).map((key) => {
          const { [key]: _, ...rest } = example;
          return rest;
        }),
      ];
      expect(bad.length).toBeGreaterThan(0);
      for (const body of bad) {
        const parsed = op.body.schema.safeParse(body);
        expect(parsed.success, JSON.stringify(body)).toBe(false);
        expect(described(body), JSON.stringify(body)).toBe(false);
        expect(topLevel(ajvField(described.errors!))).toEqual(
          expect.arrayContaining(topLevel(zodField(parsed.error!))),
        );
      }
      // Fewer fields (none, one alone, all but one): accepted by both or refused by both.
      const keys = Object.keys(example);
      const partial = [
        {},
        ...keys.map((key) => ({ [key]: example[key] })),
        ...keys.map((key) => Object.fromEntries(Object.entries(example).filter(([k]) => k !== key))),
      ];
      for (const body of partial) {
        expect(described(body), JSON.stringify(body)).toBe(op.body.schema.safeParse(body).success);
      }
      expect(op.body.schema.safeParse('not an object').success).toBe(false);
      expect(described('not an object')).toBe(false);
    },
  );
});

describe('the answers the API sends', () => {
  const store = new InMemoryComplaintStore();
  const manager = demoStaff.find((s) => s.role === 'manager')!;
  const owned = aComplaint({ ownerId: 'agent.li', status: 'assigned' });
  store.complaints.set(owned.id, owned);
  store.events.push(anEvent(owned.id, { data: {} }));

  it('fit the refusal shape: a field, a transition, a missing complaint, a rate limit', () => {
    const refusal = validator('/components/schemas/Refusal');
    for (const error of [
      new ValidationError({ 'customer.email': { code: 'invalid_email' } }),
      new InvalidTransitionError('no_owner'),
      new NotFoundError(),
      new RateLimitedError(30),
      new Error('a fault'),
    ]) {
      const body = JSON.parse(errorResponse(error, 'en', 'req-1').body as string);
      expect(refusal(body), JSON.stringify(refusal.errors)).toBe(true);
    }
  });

  it('fit the queue page: items with id, ticket number, grade, category, department, status, owner, deadline', async () => {
    const page = await listStaffComplaints(
      { store, clock: { now: () => new Date('2026-11-20T03:00:00Z') } },
      manager,
      parseStaffQueueQuery({ view: 'department', department: 'customer_service' }),
    );
    expect(page.items).toHaveLength(1);
    const queuePage = validator('/components/schemas/QueuePage');
    expect(queuePage(JSON.parse(JSON.stringify(page))), JSON.stringify(queuePage.errors)).toBe(true);
    const item = resolve('#/components/schemas/QueuePage/properties/items/items') as Json;
    expect(item.required).toEqual(
      expect.arrayContaining(['id', 'ticketNumber', 'grade', 'category', 'department', 'status']),
    );
  });

  it('fit the staff view of a complaint, found by its ticket number', async () => {
    const view = await viewStaffComplaint({ store }, owned.ticketNumber, manager);
    const staffView = validator('/components/schemas/StaffComplaintView');
    expect(staffView(JSON.parse(JSON.stringify(view))), JSON.stringify(staffView.errors)).toBe(true);
  });
});

describe('the customer export and erasure (PRIV)', () => {
  const exportOp = document.paths['/staff/customers/export'].post as Json;
  const eraseOp = document.paths['/staff/customers/erase'].post as Json;

  it('describes the export as a download link that expires, never as a zip body', () => {
    expect(Object.keys(exportOp.responses['200'].content)).toEqual(['application/json']);
    expect(exportOp.description).toContain('15 minutes');
    const exported = validator('/paths/~1staff~1customers~1export/post/responses/200/content/application~1json/schema');
    const answer = {
      complaints: 2,
      bytes: 7_340_544,
      url: 'https://bucket.s3.amazonaws.com/exports/0b0d.zip?X-Amz-Expires=900&X-Amz-Signature=abc',
      expiresAt: '2026-11-25T02:15:00.000Z',
    };
    expect(exported(answer), JSON.stringify(exported.errors)).toBe(true);
    expect(exported({ ...answer, url: undefined })).toBe(false);
  });

  it('describes the erasure’s answer and its refusal while a complaint is open', () => {
    const erased = validator('/paths/~1staff~1customers~1erase/post/responses/200/content/application~1json/schema');
    expect(erased({ complaints: 1, rawMailDeleted: 3, exportsDeleted: 1 })).toBe(true);
    expect(erased({ complaints: 1, rawMailDeleted: 3 })).toBe(false);
    expect(eraseOp.description).toContain('customer_complaints_open');
    const refusal = validator('/components/schemas/Refusal');
    const body = JSON.parse(
      errorResponse(
        new InvalidTransitionError('customer_complaints_open', { ticketNumbers: ['202611-0007'] }),
        'zh-CN',
        'req-1',
      ).body as string,
    );
    expect(refusal(body), JSON.stringify(refusal.errors)).toBe(true);
    expect(body.message).toContain('202611-0007');
  });
});
