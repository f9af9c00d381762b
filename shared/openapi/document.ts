import * as z from 'zod/mini';
import { ComplaintInput } from '../model/complaint.js';
import { SurveyInput } from '../usecases/customer-responses.js';
import { RegisterComplaintInput } from '../usecases/register-complaint.js';
import { GatewayUnauthorized, RESPONSE_SCHEMAS } from './responses.js';
import { type ApiOperation, apiOperations } from './routes.js';

type JsonSchema = Record<string, unknown>;
type Json = Record<string, unknown>;

/**
 * zod's own JSON Schema conversion, in the dialect OpenAPI 3.1 uses (2020-12). Requests are
 * described as the handler reads them (`io: 'input'`: defaults make a field optional); answers as
 * they are sent. Checks JSON Schema cannot express (a refine, "no invisible characters") are left
 * out rather than failing the document: the handler still enforces them.
 */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => CROSS_FIELD_RULES.get(zodSchema as unknown as z.ZodMiniType)?.(jsonSchema),
  }) as JsonSchema;
  return rest;
}

/**
 * Rules a zod refine checks across fields, which the conversion cannot see, said again in JSON
 * Schema next to the schema they refine (test/unit/openapi.test.ts holds both to the same verdicts).
 */
const CROSS_FIELD_RULES = new Map<z.ZodMiniType, (json: JsonSchema) => void>([
  [
    ComplaintInput,
    (json) => {
      const customer = (json.properties as Record<string, JsonSchema>).customer!;
      customer.anyOf = [{ required: ['email'] }, { required: ['phone'] }];
    },
  ],
  [
    RegisterComplaintInput,
    (json) => {
      const customer = (json.properties as Record<string, JsonSchema>).customer!;
      customer.anyOf = [{ required: ['email'] }, { required: ['phone'] }];
    },
  ],
  [
    SurveyInput,
    (json) => {
      json.anyOf = [
        { required: ['score'] },
        { required: ['verdict'] },
        { required: ['notFixed'], properties: { notFixed: { const: true } } },
      ];
    },
  ],
]);

const NAMES = new Map<z.ZodMiniType, string>(Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [schema, name]));

/** Answers are shared by many operations: each is described once, under components.schemas. */
function responseName(schema: z.ZodMiniType): string {
  const name = NAMES.get(schema);
  if (!name) throw new Error('An answer schema of the API registry is missing from RESPONSE_SCHEMAS');
  return name;
}

const REFUSAL = { $ref: '#/components/responses/Refusal' };

function parameters(operation: ApiOperation): Json[] {
  const fromPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: operation.pathParameters?.[name!],
    schema: { type: 'string', minLength: 1 },
  }));
  const query = operation.query ? jsonSchema(operation.query, 'input') : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const fromQuery = Object.entries((query?.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
  const fromHeaders = (operation.headers ?? []).map(({ name, description, pattern }) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  }));
  return [...fromPath, ...fromQuery, ...fromHeaders, { $ref: '#/components/parameters/AcceptLanguage' }];
}

function requestBody(body: NonNullable<ApiOperation['body']>): Json {
  const schema = jsonSchema(body.schema, 'input');
  return {
    required: true,
    content: {
      'application/json': { schema, example: body.example },
      ...(body.form ? { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } : {}),
    },
  };
}

function responses(operation: ApiOperation): Json {
  const { ok } = operation;
  const content: Json = {};
  if (ok.json) content['application/json'] = { schema: { $ref: `#/components/schemas/${responseName(ok.json)}` } };
  if (ok.html) content['text/html'] = { schema: { type: 'string' } };
  if (ok.zip) content['application/zip'] = { schema: { type: 'string', contentMediaType: 'application/zip' } };
  if (ok.csv) content['text/csv'] = { schema: { type: 'string' } };
  const headers = ok.etag
    ? { ETag: { description: 'The complaint’s version, for If-Match', schema: { type: 'string' } } }
    : undefined;
  return {
    [ok.status]: { description: ok.description, content, ...(headers ? { headers } : {}) },
    ...(operation.access === 'staff' ? { '401': { $ref: '#/components/responses/Unauthorized' } } : {}),
    '4XX': REFUSAL,
    '5XX': REFUSAL,
  };
}

function operationObject(operation: ApiOperation): Json {
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.access === 'staff' ? 'staff' : 'customer'],
    ...(operation.access === 'staff' ? { security: [{ staffToken: [] }] } : { security: [] }),
    parameters: parameters(operation),
    ...(operation.body ? { requestBody: requestBody(operation.body) } : {}),
    responses: responses(operation),
  };
}

/**
 * The OpenAPI 3.1 description of the public and staff API (GET /openapi.json), built from the
 * registry of operations and the zod schemas their handlers validate with.
 */
export function openApiDocument(operations: ApiOperation[] = apiOperations()): Json {
  const paths: Record<string, Json> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = operationObject(operation);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Closeloop API',
      version: '1',
      description:
        'Complaints from customers (a form, signed links in our mail) and the staff API behind the console. ' +
        'Refusals are translated into the language of Accept-Language and name each field that needs fixing.',
    },
    tags: [
      { name: 'customer', description: 'No login: the signed link in the path is the key' },
      { name: 'staff', description: 'A Cognito ID token of the staff pool, as a bearer token' },
    ],
    paths,
    components: {
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The ID token of the Cognito staff user pool (locally: POST /_local/token).',
        },
      },
      parameters: {
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'zh-CN or en: the language of refusals and pages (`?lang=` on pages wins).',
          schema: { type: 'string' },
        },
      },
      schemas: Object.fromEntries(
        Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema, 'output')]),
      ),
      responses: {
        Refusal: {
          description:
            'Refused (400 names each field, 409 names the reason, 429 sets Retry-After) or failed (5XX); ' +
            'the message is in the caller’s language.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Refusal' } } },
        },
        Unauthorized: {
          description: 'No valid staff token: answered by the API gateway before any function runs.',
          content: { 'application/json': { schema: jsonSchema(GatewayUnauthorized, 'output') } },
        },
      },
    },
  };
}
