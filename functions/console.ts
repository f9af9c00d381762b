import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDryRunRecords } from '../shared/adapters/dynamo/dry-run-records.js';
import { requirePolicyManager } from '../shared/auth/policy-access.js';
import { STAFF_ACTIONS, type StaffActionName } from '../shared/auth/staff.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { consoleSessionKey, cookieOf, csrfMatches, requireConsoleStaff } from '../shared/console/session.js';
import {
  AppError,
  ConcurrentUpdateError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../shared/errors/index.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { type HttpResult, html as htmlResult } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { message } from '../shared/i18n/messages.js';
import { DynamoIncidentStore } from '../shared/incidents/dynamo-incidents.js';
import { consoleComplaintPath } from '../shared/links/console-link.js';
import { type Grade, Locale } from '../shared/model/complaint.js';
import { looksLikePhone } from '../shared/model/phone.js';
import { TICKET_NUMBER } from '../shared/model/ticket.js';
import { logger } from '../shared/observability.js';
import type { StaffMember } from '../shared/policy/types.js';
import { progressMail } from '../shared/templates/customer-mails.js';
import { escapeHtml, html } from '../shared/templates/html.js';
import { draftLetter, LETTER_KINDS, type LetterKind } from '../shared/templates/staff-letters.js';
import { consoleBoard, deadlineClocks, incidentsOnBoard, minutesLeft } from '../shared/usecases/console-views.js';
import { performIncidentAction } from '../shared/usecases/incidents.js';
import { pastCases } from '../shared/usecases/past-cases.js';
import { performStaffAction, viewStaffComplaint } from '../shared/usecases/staff-actions.js';
import {
  listStaffComplaints,
  parseStaffQueueQuery,
  QUEUE_VIEWS,
  type QueueView,
} from '../shared/usecases/staff-queues.js';
import { policies, withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import {
  boardBody,
  INCIDENT_RECORD_KINDS,
  type IncidentCards,
  type IncidentFormAction,
  renderBoard,
} from '../web/console/board-page.js';
import {
  actionBody,
  type ComplaintPageState,
  renderComplaintPage,
  typedValues,
} from '../web/console/complaint-page.js';
import { copy } from '../web/console/copy.js';
import { alert, CONSOLE_HEADERS, type ConsoleView, consolePage, seesBoard } from '../web/console/layout.js';
import { postedDraft } from '../web/console/policy-draft.js';
import {
  type PolicyPageDeps,
  type PolicyPageState,
  policyPageState,
  renderPolicyPage,
  rollbackPosted,
  savePostedPolicy,
} from '../web/console/policy-page.js';
import { proposalRules } from '../web/console/propose-form.js';
import { type QueueFilters, queueTable, renderAgentHome, renderQueuePage } from '../web/console/queue-page.js';

/** Built once per cold start; each request gets them with `policy.staff` the directory's current members. */
const base = await workflowStepDeps();
const current = withPolicy(withStaffDirectory(base));
type ConsoleDeps = typeof base;
const sessionKey = consoleSessionKey(base.links.key);
/** The batch-defect incidents' items (INCIDENT…, same table): the board's cards and their forms. */
const incidentStore = new DynamoIncidentStore({ tableName: readConfig(TableConfig).TABLE_NAME });
/** Cookies are Secure on AWS; the local runtime serves plain http on localhost. */
const secure = base.links.baseUrl.startsWith('https:');

/** The console remembers the language a member of staff chose over their directory default. */
const LANGUAGE_COOKIE = 'closeloop_lang';
/** A reply or a resolution is at most 5,000 characters; a form of them is far below this. */
const MAX_BODY_BYTES = 32 * 1024;
const POLICY_BODY_BYTES = 256 * 1024;
const PAGE_SIZE = '25';

interface ConsoleRequest {
  deps: ConsoleDeps;
  request: HttpRequest;
  staff: StaffMember;
  view: ConsoleView;
  form: Record<string, unknown>;
}

const page = (statusCode: number, body: string, extra: Partial<HttpResult> = {}): HttpResult => ({
  ...htmlResult(statusCode, body, CONSOLE_HEADERS),
  ...extra,
});

/**
 * Every console route: the sealed session names the member of staff (none: a GET goes to sign in),
 * a POST must carry the session's CSRF token and come from our own origin, and a refusal is shown
 * as a console page in the reader's language.
 */
function consoleRoute(
  fn: (c: ConsoleRequest) => Promise<HttpResult>,
  opts: { post?: boolean; maxBodyBytes?: number } = {},
) {
  return httpHandler(
    async (request) => {
      const deps = await current();
      const now = deps.clock.now();
      let signedIn: ReturnType<typeof requireConsoleStaff>;
      try {
        // Wall time, not workflow time: a session must not expire in seconds when the local runtime scales time.
        signedIn = requireConsoleStaff(request.event, sessionKey, deps.policy, new Date());
      } catch (error) {
        if (error instanceof UnauthorizedError) return toSignIn(request.event, Boolean(opts.post));
        throw error;
      }
      const { staff, session } = signedIn;
      const remembered = Locale.safeParse(cookieOf(request.event, LANGUAGE_COOKIE));
      const locale = request.chosenLocale ?? (remembered.success ? remembered.data : staff.locale);
      const view: ConsoleView = {
        staff,
        csrf: session.csrf,
        locale,
        now,
        timezone: deps.policy.calendar.timezone,
        path: pathOf(request.event),
        nameOf: (id) => (id === undefined ? undefined : (deps.policy.staff.find((s) => s.id === id)?.name ?? id)),
        directory: deps.policy.staff,
        left: (deadline: string, grade: Grade) => minutesLeft(deadline, grade, now, deps.policy, deps.calendar),
        gradeNames: deps.policy.gradeNames,
      };
      const remember = request.chosenLocale
        ? [`${LANGUAGE_COOKIE}=${locale}; Path=/console; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`]
        : undefined;
      const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      let result: HttpResult;
      try {
        if (opts.post && !(csrfMatches(session, form.csrf) && sameOrigin(request))) {
          logger.info('console post refused', { reason: 'csrf_or_origin' });
          result = refusalPage(view, 403, copy(locale).csrf);
        } else {
          result = await fn({ deps, request, staff, view, form });
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        logger.info('console request refused', { code: error.code });
        result = refusalPage(view, error.statusCode, message(locale, error.code, error.params), error);
      }
      return remember ? { ...result, cookies: [...(result.cookies ?? []), ...remember] } : result;
    },
    {
      prefers: 'html',
      ...(opts.post ? { body: { maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES, form: true } } : {}),
      errorPage: (refusal, locale) =>
        `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Closeloop</title><p>${escapeHtml(refusal.message)}</p></html>`,
    },
  );
}

function refusalPage(view: ConsoleView, statusCode: number, text: string, error?: AppError): HttpResult {
  const t = copy(view.locale);
  const title =
    error instanceof ForbiddenError ? t.forbiddenTitle : error instanceof NotFoundError ? t.notFoundTitle : text;
  return page(
    statusCode,
    consolePage(
      view,
      title,
      undefined,
      html`<h1>${title}</h1>${alert('error', text, 'refusal')}<p><a href="/console">${t.backToWork}</a></p>`,
    ),
  );
}

function pathOf(event: APIGatewayProxyEventV2): string {
  return `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
}

/** 303 to sign in, coming back here (a form post comes back to the page it was on). */
function toSignIn(event: APIGatewayProxyEventV2, post: boolean): HttpResult {
  const back = post ? event.rawPath.replace(/\/[^/]+$/, '') : pathOf(event);
  return {
    statusCode: 303,
    headers: { location: `/console/sign-in?returnTo=${encodeURIComponent(back)}`, ...CONSOLE_HEADERS },
    body: '',
  };
}

/**
 * A post must come from our own pages. Browsers say where a request comes from in Sec-Fetch-Site,
 * and in Origin; under our Referrer-Policy (no-referrer) Chromium sends `Origin: null` even for our
 * own forms, so "null" is no evidence either way: then Sec-Fetch-Site and the CSRF token decide.
 */
function sameOrigin(request: HttpRequest): boolean {
  const site = request.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.header('origin');
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === (request.header('host') ?? request.event.requestContext?.domainName);
  } catch {
    return false;
  }
}

const redirect = (location: string): HttpResult => ({
  statusCode: 303,
  headers: { location, ...CONSOLE_HEADERS },
  body: '',
});

const wantsFragment = (request: HttpRequest) => request.event.queryStringParameters?.fragment === 'table';

/** The search box takes a ticket number, an email address, a phone number or an order number: each is its own index. */
function searchOf(q: string | undefined): Record<string, string> {
  const wanted = q?.trim();
  if (!wanted) return {};
  if (TICKET_NUMBER.test(wanted)) return { ticket: wanted };
  if (wanted.includes('@')) return { email: wanted };
  if (looksLikePhone(wanted)) return { phone: wanted };
  return { order: wanted };
}

async function queue(
  deps: ConsoleDeps,
  staff: StaffMember,
  queueView: QueueView,
  filters: QueueFilters,
  cursor?: string,
) {
  const query = parseStaffQueueQuery({
    view: queueView,
    limit: PAGE_SIZE,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.grade ? { grade: filters.grade } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...(cursor ? { cursor } : {}),
    ...searchOf(filters.q),
  });
  const found = await listStaffComplaints(deps, staff, query);
  // An order number can be all digits too: a "phone" nobody has is looked up as an order.
  if (query.phone !== undefined && found.items.length === 0 && query.cursor === undefined) {
    const { phone, ...asOrder } = query;
    return listStaffComplaints(deps, staff, { ...asOrder, order: phone });
  }
  return found;
}

/** GET /console: an agent's own work and their department's unclaimed complaints; the board for everyone above. */
const home = consoleRoute(async ({ deps, request, staff, view }) => {
  if (seesBoard(staff)) return showBoard(deps, request, staff, view);
  const [mine, unassigned] = await Promise.all([
    queue(deps, staff, 'mine', {}),
    staff.department ? queue(deps, staff, 'unassigned', {}) : Promise.resolve({ items: [] }),
  ]);
  return page(200, renderAgentHome(view, mine, unassigned));
});

async function showBoard(
  deps: ConsoleDeps,
  request: HttpRequest,
  staff: StaffMember,
  view: ConsoleView,
  outcome: Pick<IncidentCards, 'done' | 'failed'> & { statusCode?: number } = {},
): Promise<HttpResult> {
  const [board, open] = await Promise.all([
    consoleBoard(deps, staff),
    incidentsOnBoard({ ...deps, incidents: incidentStore }, staff),
  ]);
  const { statusCode = 200, ...shown } = outcome;
  const incidents = open ? { ...open, ...shown } : undefined;
  return page(
    statusCode,
    wantsFragment(request) ? boardBody(view, board, incidents).value : renderBoard(view, board, incidents),
  );
}

/**
 * GET /console/board: the open batch-defect incidents; counts by status and grade; what is overdue,
 * breached (at which rung) and awaiting approval. `?done=<action>&incident=<id>` after an incident form.
 */
const board = consoleRoute(async ({ deps, request, staff, view }) => {
  if (!seesBoard(staff)) throw new ForbiddenError();
  const q = request.event.queryStringParameters ?? {};
  const done = INCIDENT_FORM_ACTIONS.find((a) => a === q.done);
  return showBoard(deps, request, staff, view, done && q.incident ? { done: { id: q.incident, action: done } } : {});
});

const INCIDENT_FORM_ACTIONS: readonly IncidentFormAction[] = [...INCIDENT_RECORD_KINDS, 'close'];

/**
 * POST /console/incidents/{id}/record (`kind`: plan, root-cause or action; `text`) and
 * /console/incidents/{id}/close (`note`): the staff incidents API's use case, from the board's card.
 * Success: back to the card (post/redirect/get); a refusal: the board again, the message on the card
 * and what was typed kept.
 */
const incidentAct = consoleRoute(
  async ({ deps, request, staff, view, form }) => {
    const { id = '', action = '' } = request.event.pathParameters ?? {};
    if (action !== 'record' && action !== 'close') throw new NotFoundError();
    logger.appendKeys({ incidentId: id, action });
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const values = { kind: text('kind'), text: text('text'), note: text('note') };
    try {
      const done: IncidentFormAction | undefined =
        action === 'close' ? 'close' : INCIDENT_RECORD_KINDS.find((k) => k === values.kind);
      if (!done) throw new ValidationError({ kind: { code: 'required' } });
      const note = values.note?.trim();
      await performIncidentAction(
        { ...deps, incidents: incidentStore },
        { id, action: done, actor: staff, body: done === 'close' ? (note ? { note } : {}) : { text: values.text } },
      );
      // A closed incident leaves the board: the section's message says so where its card was.
      const anchor = done === 'close' ? 'board-incidents' : encodeURIComponent(id);
      return redirect(`/console/board?done=${done}&incident=${encodeURIComponent(id)}#${anchor}`);
    } catch (error) {
      const refused =
        error instanceof ValidationError ||
        error instanceof InvalidTransitionError ||
        error instanceof ConcurrentUpdateError;
      if (!refused) throw error;
      const refusal: AppError = error;
      logger.info('console incident action refused', { code: refusal.code });
      // A field's own words ("This field is required.") say more than "check the form".
      const said =
        refusal instanceof ValidationError
          ? Object.values(fieldMessages(view, refusal)).join(' ')
          : message(view.locale, refusal.code, refusal.params);
      return showBoard(deps, request, staff, view, {
        statusCode: refusal.statusCode,
        failed: { id, form: action, message: said, values },
      });
    }
  },
  { post: true },
);

/** GET /console/queues/{view}: a queue with its filters, search and cursor paging; `?fragment=table` for the live refresh. */
const queuePage = consoleRoute(async ({ deps, request, staff, view }) => {
  const name = request.event.pathParameters?.view ?? '';
  if (!(QUEUE_VIEWS as readonly string[]).includes(name)) throw new NotFoundError();
  const queueView = name as QueueView;
  const q = request.event.queryStringParameters ?? {};
  const filters: QueueFilters = { status: q.status, grade: q.grade, department: q.department, q: q.q };
  const result = await queue(deps, staff, queueView, filters, q.cursor);
  return page(
    200,
    wantsFragment(request)
      ? queueTable(view, queueView, filters, result, { cursor: q.cursor, heading: 'none' }).value
      : renderQueuePage(view, queueView, filters, result, q.cursor),
  );
});

async function complaintState(
  deps: ConsoleDeps,
  ticket: string,
  staff: StaffMember,
  now: Date,
): Promise<ComplaintPageState> {
  const found = await viewStaffComplaint(deps, ticket, staff);
  // Its clocks as its own policy version sets them, not the version new complaints get.
  const own = await current(found.complaint);
  return {
    ...found,
    clocks: deadlineClocks(found.complaint, found.timeline, now, own.policy, own.calendar),
    proposal: proposalRules(own.policy, found.complaint.grade),
    pastCases: await pastCases(deps.store, found.complaint),
  };
}

const isLetterKind = (k: string | undefined): k is LetterKind => (LETTER_KINDS as readonly string[]).includes(k ?? '');

/** GET /console/complaints/{ticket}: the whole complaint, its clocks and the forms its reader may use; `?letter=` starts a reply. */
const complaintPage = consoleRoute(async ({ deps, request, staff, view }) => {
  const ticket = request.event.pathParameters?.ticket ?? '';
  const state = await complaintState(deps, ticket, staff, view.now);
  const q = request.event.queryStringParameters ?? {};
  if (isLetterKind(q.letter)) {
    const locale = Locale.safeParse(q.letterLocale);
    state.letter = draftLetter(q.letter, {
      complaint: state.complaint,
      staff,
      now: view.now,
      locale: locale.success ? locale.data : undefined,
      timeZone: deps.policy.calendar.timezone,
    });
  }
  state.done = q.done !== undefined;
  return page(200, renderComplaintPage(view, state));
});

/** POST /console/complaints/{ticket}/preview: the reply as the customer will receive it, the text kept in the form. */
const previewReply = consoleRoute(
  async ({ deps, request, staff, view, form }) => {
    const ticket = request.event.pathParameters?.ticket ?? '';
    const state = await complaintState(deps, ticket, staff, view.now);
    const text = typeof form.message === 'string' ? form.message.trim() : '';
    if (text === '') throw new ValidationError({ message: { code: 'required' } });
    const mail = progressMail({
      complaint: state.complaint,
      automatic: false,
      message: text,
      // As the reply action sends it: a letter from a template goes as written, without a second salutation.
      letter: typeof form.letter === 'string' && isLetterKind(form.letter),
      // The real mail carries a freshly signed status link; the preview shows where it goes.
      statusUrl: `${deps.links.baseUrl}/status/…`,
      ownerName: view.nameOf(state.complaint.ownerId),
      timezone: deps.policy.calendar.timezone,
    });
    state.preview = { subject: mail.subject, text: mail.text, message: text };
    // The letter it started from stays chosen in the picker.
    const letterLocale = Locale.safeParse(form.letterLocale);
    if (typeof form.letter === 'string' && isLetterKind(form.letter) && letterLocale.success) {
      state.letter = { kind: form.letter, locale: letterLocale.data, text };
    }
    return page(200, renderComplaintPage(view, state));
  },
  { post: true },
);

const isStaffAction = (a: string): a is StaffActionName => (STAFF_ACTIONS as readonly string[]).includes(a);

/**
 * POST /console/complaints/{ticket}/{action}: the staff API's one path for every change, with
 * If-Match the version the page showed. Success: back to the page (post/redirect/get). A refusal:
 * the page again with its message next to the form and what was typed; a conflict: the new version,
 * with what was typed still in its form.
 */
const act = consoleRoute(
  async ({ deps, request, staff, view, form }) => {
    const { ticket = '', action = '' } = request.event.pathParameters ?? {};
    if (!isStaffAction(action)) throw new NotFoundError();
    const before = await viewStaffComplaint(deps, ticket, staff);
    logger.appendKeys({ complaintId: before.complaint.id, action });
    const version = typeof form.version === 'string' && /^\d{1,12}$/.test(form.version) ? form.version : undefined;
    try {
      // As the staff API acts: by the policy version the complaint recorded (its deadlines, approval threshold, reopen rule).
      await performStaffAction(await current(before.complaint), {
        complaintId: before.complaint.id,
        action,
        actor: staff,
        body: actionBody(action, form),
        ifMatch: version,
      });
      return redirect(`${consoleComplaintPath(before.complaint.ticketNumber)}?done=${encodeURIComponent(action)}`);
    } catch (error) {
      if (!(error instanceof AppError) || error instanceof UnauthorizedError) throw error;
      const state = await complaintState(deps, ticket, staff, deps.clock.now());
      const formAction = action === 'assign' && !form.ownerId ? 'claim' : action;
      state.conflict = error instanceof ConcurrentUpdateError;
      state.failed = {
        action: formAction,
        message: message(view.locale, error.code, error.params),
        fields: error instanceof ValidationError ? fieldMessages(view, error) : undefined,
        values: typedValues(form),
      };
      logger.info('console action refused', { code: error.code });
      return page(error.statusCode, renderComplaintPage(view, state));
    }
  },
  { post: true },
);

// Issue 9: the manager's policy page (web/console/policy-page.ts); its dry run posts to the policy
// dry-run function, which carries the grader. Managers only: everyone else gets the 403 page.
/**
 * The stored, versioned policy (the console may save and roll back, like the admin API). Presets are
 * not offered here yet: their documents carry the grading vocabulary, which this function does not.
 */
const policyPage: PolicyPageDeps = {
  policies: policies(),
  clock: base.clock,
  presets: { names: () => [], document: () => undefined },
  dryRuns: new DynamoDryRunRecords({ tableName: readConfig(TableConfig).TABLE_NAME }),
};

/** Each refused field's message in the reader's language (by default the shared catalogue's). */
function fieldMessages(
  view: ConsoleView,
  error: ValidationError,
  say: (issue: { code: string; params?: Record<string, unknown> }) => string = (issue) =>
    message(view.locale, issue.code, issue.params),
): Record<string, string> {
  return Object.fromEntries(Object.entries(error.fields).map(([field, issue]) => [field, say(issue)]));
}

/** A field's message in the reader's language; JSON that does not parse is the editor's own. */
const policyMessage =
  (view: ConsoleView) =>
  (issue: { code: string; params?: Record<string, unknown> }): string =>
    issue.code === 'json_invalid'
      ? copy(view.locale).policy.jsonInvalid
      : message(view.locale, issue.code, issue.params);

function policyRefusal(view: ConsoleView, error: AppError): PolicyPageState['failed'] & object {
  const fields = error instanceof ValidationError ? fieldMessages(view, error, policyMessage(view)) : undefined;
  return { form: 'save', message: message(view.locale, error.code, error.params), fields };
}

/** GET /console/policy[?preset=…][&cursor=…][&dryRun=…][&done=saved|rolledBack&from=…] */
const policyView = consoleRoute(async ({ request, staff, view }) => {
  requirePolicyManager(staff);
  const q = request.event.queryStringParameters ?? {};
  const state = await policyPageState(
    policyPage,
    { preset: q.preset, cursor: q.cursor, dryRun: q.dryRun },
    { staff, messageOf: policyMessage(view) },
  );
  if (q.done === 'saved') state.done = { kind: 'saved' };
  const from = Number(q.from);
  if (q.done === 'rolledBack' && Number.isInteger(from)) state.done = { kind: 'rolledBack', from };
  return page(200, renderPolicyPage(view, state));
});

/** POST /console/policy/save and /rollback: post/redirect/get; a refusal shows the page with the typed text kept. */
function policyChange(change: 'save' | 'rollback') {
  return consoleRoute(
    async ({ staff, view, form }) => {
      requirePolicyManager(staff);
      try {
        if (change === 'save') {
          await savePostedPolicy(policyPage, form, staff);
          return redirect('/console/policy?done=saved');
        }
        const restored = await rollbackPosted(policyPage, form, staff);
        return redirect(`/console/policy?done=rolledBack&from=${restored.rolledBackFrom}`);
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConcurrentUpdateError)) throw error;
        const state = await policyPageState(policyPage, {});
        const failed = policyRefusal(view, error);
        if (change === 'save') {
          state.draft = postedDraft(form, state.current.version);
          // The text stays, based on what it was based on: saving it again is refused until it is re-read.
          state.conflict = error instanceof ConcurrentUpdateError;
          if (!state.conflict) state.failed = failed;
        } else {
          state.failed = { ...failed, form: 'rollback', version: Number(form.version) };
        }
        logger.info('policy change refused', { code: error.code, change });
        return page(error.statusCode, renderPolicyPage(view, state));
      }
    },
    // The whole document, grading vocabulary included, is posted: the dry run's limit, not a reply's.
    { post: true, maxBodyBytes: POLICY_BODY_BYTES },
  );
}
const policySave = policyChange('save');
const policyRollback = policyChange('rollback');

export const handler = httpRoutes([
  { method: 'GET', path: '/console/policy', handler: policyView },
  { method: 'POST', path: '/console/policy/save', handler: policySave },
  { method: 'POST', path: '/console/policy/rollback', handler: policyRollback },
  { method: 'GET', path: '/console', handler: home },
  { method: 'GET', path: '/console/board', handler: board },
  { method: 'POST', path: '/console/incidents/{id}/{action}', handler: incidentAct },
  { method: 'GET', path: '/console/queues/{view}', handler: queuePage },
  { method: 'GET', path: '/console/complaints/{ticket}', handler: complaintPage },
  { method: 'POST', path: '/console/complaints/{ticket}/preview', handler: previewReply },
  { method: 'POST', path: '/console/complaints/{ticket}/{action}', handler: act },
]);
