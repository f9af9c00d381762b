import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getDocumentClient } from '../shared/adapters/dynamo/client.js';
import { requireStaff } from '../shared/auth/staff.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { consoleSessionKey, cookieOf, csrfMatches, requireConsoleStaff } from '../shared/console/session.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../shared/errors/index.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { type HttpResult, json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { hasMessage, message } from '../shared/i18n/messages.js';
import { Locale } from '../shared/model/complaint.js';
import { logger } from '../shared/observability.js';
import type { StaffMember } from '../shared/policy/types.js';
import { DynamoCounterStore } from '../shared/reports/dynamo-counters.js';
import { DynamoReportActions } from '../shared/reports/dynamo-report-actions.js';
import { loadReport, type Report } from '../shared/reports/load-report.js';
import { parsePeriod } from '../shared/reports/report.js';
import { recordReportAction } from '../shared/reports/report-actions.js';
import { reportCsv } from '../shared/reports/report-csv.js';
import { parseKind, reportRequest } from '../shared/reports/report-request.js';
import { escapeHtml } from '../shared/templates/html.js';
import { minutesLeft } from '../shared/usecases/console-views.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../shared/usecases/staff-queues.js';
import { clock, links, policyAndCalendar, store, withPolicy, withStaffDirectory } from '../shared/wiring.js';
import { CONSOLE_HEADERS, type ConsoleView } from '../web/console/layout.js';
import { renderReportPage, reportPath } from '../web/console/report-page.js';

/**
 * The reports (issue 11): the API for supervisors and above, and the console's report pages, which
 * live here (with the console's session check) so the console function does not carry them. A report
 * reads the counter items of its days and of the period before, the actions recorded on both, and
 * the overdue queue: never the complaints themselves.
 */
const { TABLE_NAME } = readConfig(TableConfig);
const doc = getDocumentClient();
const counters = new DynamoCounterStore({ doc, tableName: TABLE_NAME });
const actions = new DynamoReportActions({ doc, tableName: TABLE_NAME });
const current = withPolicy(withStaffDirectory({ store: store(), clock, ...policyAndCalendar() }));
type Deps = Awaited<ReturnType<typeof current>>;

/** The overdue list a report shows: the first page of the overdue queue, as the caller may see it. */
const OVERDUE_LIMIT = '50';

async function report(
  deps: Deps,
  staff: StaffMember,
  kind: string | undefined,
  query: HttpRequest['event']['queryStringParameters'],
) {
  const now = deps.clock.now();
  const { request } = reportRequest(staff, kind, query, now, deps.policy.calendar.timezone);
  return loadReport(counters, request, now, {
    actions,
    timezone: deps.policy.calendar.timezone,
    openOverdue: async (department) =>
      (
        await listStaffComplaints(
          deps,
          staff,
          parseStaffQueueQuery({ view: 'overdue', limit: OVERDUE_LIMIT, ...(department ? { department } : {}) }),
        )
      ).items,
  });
}

const wantsCsv = (request: HttpRequest) =>
  request.event.queryStringParameters?.format === 'csv' || /\btext\/csv\b/i.test(request.header('accept') ?? '');

function csv(r: Report): HttpResult {
  const name = `closeloop-${r.kind}-${r.period}${r.department ? `-${r.department}` : ''}.csv`;
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: reportCsv(r),
  };
}

/** GET /staff/reports/{weekly|monthly}?period=2026-W48|2026-11[&department=][&format=csv]. */
const apiReport = httpHandler(async (request) => {
  const deps = await current();
  const staff = requireStaff(request, deps.policy);
  const r = await report(deps, staff, request.event.pathParameters?.kind, request.event.queryStringParameters);
  return wantsCsv(request) ? csv(r) : json(200, r);
});

/** The period of an action's path, checked as the report's is. */
function periodOfPath(kind: string | undefined, id: string | undefined) {
  const reportKind = parseKind(kind);
  const period = parsePeriod(reportKind, id ?? '');
  if (!period) {
    throw new ValidationError({
      period: { code: 'period_format', params: { expected: reportKind === 'weekly' ? 'YYYY-Www' : 'YYYY-MM' } },
    });
  }
  return period;
}

async function record(deps: Deps, staff: StaffMember, request: HttpRequest, body: unknown) {
  const { kind, period } = request.event.pathParameters ?? {};
  const on = periodOfPath(kind, period);
  // A manager records on the company's report or a department's (the report's scope).
  const department = reportRequest(
    staff,
    on.kind,
    { period: on.id, department: request.event.queryStringParameters?.department },
    deps.clock.now(),
    deps.policy.calendar.timezone,
  ).request.department;
  const action = await recordReportAction(
    { actions, staff: deps.policy.staff },
    staff,
    { period: on, department },
    body,
    deps.clock.now(),
  );
  // The item is the audit record; the log names who and where, never what was written.
  logger.info('report action recorded', {
    actionId: action.id,
    kind: action.kind,
    period: action.period,
    by: staff.id,
  });
  return action;
}

/** POST /staff/reports/{kind}/{period}/actions `{ text, owner?, due? }`: managers only. */
const apiAction = httpHandler(
  async (request) => {
    const deps = await current();
    const staff = requireStaff(request, deps.policy);
    return json(201, await record(deps, staff, request, request.body));
  },
  { body: { maxBodyBytes: 16 * 1024 } },
);

const sessionKey = consoleSessionKey((await links()).key);
const LANGUAGE_COOKIE = 'closeloop_lang';

/** The console's session, as functions/console.ts reads it; none: a GET goes to sign in. */
function consoleView(
  request: HttpRequest,
  deps: Deps,
): { view: ConsoleView; session: ReturnType<typeof requireConsoleStaff>['session'] } | HttpResult {
  let signedIn: ReturnType<typeof requireConsoleStaff>;
  try {
    // Wall time: a session must not expire in seconds when the local runtime scales workflow time.
    signedIn = requireConsoleStaff(request.event, sessionKey, deps.policy, new Date());
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    return {
      statusCode: 303,
      headers: {
        location: `/console/sign-in?returnTo=${encodeURIComponent(pathOf(request.event))}`,
        ...CONSOLE_HEADERS,
      },
      body: '',
    };
  }
  const { staff, session } = signedIn;
  const remembered = Locale.safeParse(cookieOf(request.event, LANGUAGE_COOKIE));
  const now = deps.clock.now();
  const view: ConsoleView = {
    staff,
    csrf: session.csrf,
    locale: request.chosenLocale ?? (remembered.success ? remembered.data : staff.locale),
    now,
    timezone: deps.policy.calendar.timezone,
    path: pathOf(request.event),
    nameOf: (id) => (id === undefined ? undefined : (deps.policy.staff.find((s) => s.id === id)?.name ?? id)),
    directory: deps.policy.staff,
    left: (deadline, grade) => minutesLeft(deadline, grade, now, deps.policy, deps.calendar),
    gradeNames: deps.policy.gradeNames,
  };
  return { view, session };
}

const pathOf = (event: APIGatewayProxyEventV2) =>
  `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

const page = (statusCode: number, body: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', ...CONSOLE_HEADERS },
  body,
});

/** GET /console/reports/{kind}?period=…: the report page; `&format=csv` downloads it. */
const consoleReport = httpHandler(
  async (request) => {
    const deps = await current();
    const signedIn = consoleView(request, deps);
    if (!('view' in signedIn)) return signedIn;
    const { view } = signedIn;
    const r = await report(deps, view.staff, request.event.pathParameters?.kind, request.event.queryStringParameters);
    if (wantsCsv(request)) return csv(r);
    const refused = request.event.queryStringParameters?.refused;
    return page(
      200,
      renderReportPage(view, r, {
        canRecord: view.staff.role === 'manager',
        ...(refused && hasMessage(refused) ? { error: message(view.locale, refused) } : {}),
      }),
    );
  },
  { prefers: 'html', errorPage: plainRefusal },
);

/** POST /console/reports/{kind}/{period}/actions: the report page's form (session, CSRF token, same origin). */
const consoleAction = httpHandler(
  async (request) => {
    const deps = await current();
    const signedIn = consoleView(request, deps);
    if (!('view' in signedIn)) return signedIn;
    const { view, session } = signedIn;
    const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const site = request.header('sec-fetch-site');
    if (!csrfMatches(session, form.csrf) || (site !== undefined && site !== 'same-origin')) {
      logger.info('console post refused', { reason: 'csrf_or_origin' });
      throw new ForbiddenError();
    }
    const { kind, period } = request.event.pathParameters ?? {};
    const department = request.event.queryStringParameters?.department;
    const back = (extra: Record<string, string> = {}) => reportPath(kind ?? 'weekly', period ?? '', department, extra);
    const body = Object.fromEntries(
      ['text', 'owner', 'due'].filter((k) => typeof form[k] === 'string' && form[k] !== '').map((k) => [k, form[k]]),
    );
    try {
      await record(deps, view.staff, request, body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const first = Object.values(error.fields)[0]?.code ?? 'invalid';
      return {
        statusCode: 303,
        headers: { location: `${back({ refused: first })}#report-action-form`, ...CONSOLE_HEADERS },
        body: '',
      };
    }
    return { statusCode: 303, headers: { location: `${back()}#report-actions`, ...CONSOLE_HEADERS }, body: '' };
  },
  { prefers: 'html', body: { maxBodyBytes: 16 * 1024, form: true }, errorPage: plainRefusal },
);

function plainRefusal(refused: { message: string }, locale: string): string {
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Closeloop</title><p>${escapeHtml(refused.message)}</p><p><a href="/console">Closeloop</a></p></html>`;
}

export const handler = httpRoutes([
  { method: 'GET', path: '/staff/reports/{kind}', handler: apiReport },
  { method: 'POST', path: '/staff/reports/{kind}/{period}/actions', handler: apiAction },
  { method: 'GET', path: '/console/reports/{kind}', handler: consoleReport },
  { method: 'POST', path: '/console/reports/{kind}/{period}/actions', handler: consoleAction },
]);
