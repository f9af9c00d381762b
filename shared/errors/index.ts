/**
 * Typed errors. Use cases throw these; one mapper (shared/http/errors.ts, errorResponse) turns them into HTTP.
 * Messages are message keys plus parameters, never raw text, so the mapper can answer in the
 * caller's language and nothing internal leaks.
 */
export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  /** Values the caller-facing message needs ("at most {max} bytes"). */
  readonly params: Record<string, unknown>;
  constructor(message?: string, params: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.params = params;
  }
}

/** One message key per invalid field, keyed by dotted path ("customer.email"). */
export type FieldIssues = Record<string, { code: string; params?: Record<string, unknown> }>;

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly code = 'validation_failed';
  constructor(readonly fields: FieldIssues) {
    super('validation failed');
  }
}

export class BadRequestError extends AppError {
  readonly statusCode = 400;
  constructor(
    readonly code:
      | 'malformed_json'
      | 'malformed_form'
      | 'body_too_large'
      | 'unsupported_media_type'
      | 'idempotency_key_invalid'
      | 'if_match_invalid'
      | 'page_limit_invalid'
      | 'cursor_invalid'
      | 'rejected'
      | 'bad_request',
    params: Record<string, unknown> = {},
  ) {
    super(code, params);
  }
}

export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'not_found';
}

export class LinkExpiredError extends AppError {
  readonly statusCode = 410;
  readonly code = 'link_expired';
}

export class UnauthorizedError extends AppError {
  readonly statusCode = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  readonly code = 'forbidden';
}

/** The same Idempotency-Key was used for a different submission. */
export class IdempotencyConflictError extends AppError {
  readonly statusCode = 409;
  readonly code = 'idempotency_conflict';
}

/** An optimistic-lock check failed: someone else changed the record first. */
export class ConcurrentUpdateError extends AppError {
  readonly statusCode = 409;
  readonly code = 'concurrent_update';
}

export class RateLimitedError extends AppError {
  readonly statusCode = 429;
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited', { retryAfterSeconds });
  }
}

/**
 * The table holds no policy yet. Version 1 is stored at deploy (the stack's policy-seeding trigger) and at
 * the local runtime's first start; a function that grades never falls back to the code's defaults.
 */
export class PolicyNotStoredError extends AppError {
  readonly statusCode = 503;
  readonly code = 'policy_not_stored';
}

/** Why an action cannot happen in the complaint's current state; each has a message in both languages. */
export const TRANSITION_REASONS = [
  'closed',
  'already_owner',
  'already_assigned',
  'no_owner',
  'no_first_contact',
  'no_customer_email',
  'awaiting_customer',
  'already_awaiting_customer',
  'approval_pending',
  'solution_already_approved',
  'no_pending_approval',
  'solution_not_approved',
  'already_resolved',
  'not_resolved',
  'survey_not_pending',
  'same_grade',
  'same_department',
  /** The manager, the ladder's top rung, already knows: nobody is left to escalate to. */
  'top_rung',
  /** The lead already waits on this partner department's answer to an earlier question. */
  'partner_request_open',
  /** The partner request was answered already. */
  'partner_request_answered',
  /** Legal review (shared/workflow/legal-review.ts): nothing is decided while legal holds the plan. */
  'legal_review_pending',
  'legal_review_returned',
  'no_pending_legal_review',
  // After-sales work orders (shared/workflow/work-orders.ts).
  /** A work order carries out a solution: there is none yet, or it was rejected. */
  'no_solution',
  /** Resolve waits until every work order is done. */
  'work_order_open',
  'work_order_done',
  'work_order_step_not_current',
  'work_order_step_done',
  'milestone_done',
  // The customer accepts the solution (shared/workflow/acceptance.ts).
  'solution_not_accepted',
  'solution_change_requested',
  'no_offer_due',
  'offer_already_made',
  'no_offer_pending',
  'offer_answered',
  /** The lifecycle table has no row for this command in this status (shared/workflow/lifecycle.ts). */
  'not_in_status',
  // Batch-defect incidents (INC, shared/incidents/*).
  'incident_closed',
  /** An incident closes only once its root cause and its action are recorded. */
  'incident_not_ready',
  // Merging the same customer's duplicate (shared/usecases/merge-complaints.ts).
  'merge_into_itself',
  'not_the_same_customer',
  /** The complaint to merge into is closed, merged itself, or past the work (resolved). */
  'merge_target_not_open',
  /** A work order, a partner's question or a decision pending belongs to this complaint: finish it first. */
  'merge_work_open',
  // Privacy (PRIV): an erasure waits until every complaint of the customer is closed (shared/usecases/customer-privacy.ts).
  'customer_complaints_open',
] as const;
export type TransitionReason = (typeof TRANSITION_REASONS)[number];

/** The action is valid in general but not in the complaint's current state (it is closed, already owned...). */
export class InvalidTransitionError extends AppError {
  readonly statusCode = 409;
  readonly code = 'invalid_transition';
  constructor(
    readonly reason: TransitionReason,
    params: Record<string, unknown> = {},
  ) {
    super(reason, { ...params, reason });
  }
}
