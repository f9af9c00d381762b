/**
 * The single-table design, in one place: the CDK stateful stack and the local runtime both
 * build the table from these definitions, so local and AWS cannot drift apart.
 *
 * Items (pk / sk):
 *   COMPLAINT#<id> / META                  the complaint (versioned)
 *   COMPLAINT#<id> / EVENT#<at>#<suffix>   its append-only timeline
 *   TICKET#<YYYYMM-NNNN> / TICKET          ticket number → complaint (uniqueness guard)
 *   COUNTER#TICKET#<YYYYMM> / COUNTER      per-month ticket sequence (atomic ADD)
 *   IDEMPOTENCY#<key> / IDEMPOTENCY        submission claims (TTL)
 *   RATE#<client>#<window> / RATE          rate-limit windows (TTL)
 *   COMPLAINT#<id> / MAILTHREAD            message ids SES returned for its mails (mail-threads.ts)
 *   MESSAGEID#<msgid> / MESSAGEID          a sent message id → its complaint (mail-threads.ts)
 *   ADDRESS#<address> / HEALTH             an address that bounced or complained (address-health.ts)
 *   POLICY / VERSION#<0000000001>          one version of the policy, immutable (policy-store.ts)
 *   POLICY / CURRENT                       the number of the version in force
 *   COMPLAINT#<id> / PARTNER#<request>     an open request to a partner department (keys.ts partnerRequestItems)
 *   COMPLAINT#<id> / WORKORDER#<wo>#<slot> a work order's current step in a holder's queue (keys.ts workOrderItems)
 */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
export const TTL_ATTRIBUTE = 'ttl';

/** What each index serves is said above it (a comment, not a field: every function bundles this file). */
export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const INDEXES = {
  /** Complaints by status, then grade, then receipt time. */
  byStatus: {
    indexName: 'byStatus',
    partitionKey: 'statusKey',
    sortKey: 'statusSort',
  },
  /** A department queue, one partition per grade (`DEPT#<department>#<grade>`), ordered by next deadline. */
  byDepartment: {
    indexName: 'byDepartment',
    partitionKey: 'departmentKey',
    sortKey: 'departmentSort',
  },
  /**
   * An owner's queue, or a department's open unowned complaints (one partition per grade), ordered by next deadline.
   * Overloaded rather than a second new index: CloudFormation adds one GSI per stack update.
   */
  byOwner: {
    indexName: 'byOwner',
    partitionKey: 'ownerKey',
    sortKey: 'ownerSort',
  },
  /** Open complaints by next deadline, one partition per grade (sparse: closed complaints leave it). */
  byDeadline: {
    indexName: 'byDeadline',
    partitionKey: 'dueKey',
    sortKey: 'dueSort',
  },
  /** A customer's complaints by email, newest first. */
  byCustomerEmail: {
    indexName: 'byCustomerEmail',
    partitionKey: 'emailKey',
    sortKey: 'emailSort',
  },
  /** Complaints about one order. */
  byOrderNumber: {
    indexName: 'byOrderNumber',
    partitionKey: 'orderKey',
    sortKey: 'orderSort',
  },
  /** A customer's complaints by phone (one spelling: shared/model/phone.ts), newest first. */
  byCustomerPhone: {
    indexName: 'byCustomerPhone',
    partitionKey: 'phoneKey',
    sortKey: 'phoneSort',
  },
  // Departments working together (open requests to a partner department, soonest answer due first): one item per open partner request, so a complaint asking two
  // departments is in both queues (a complaint item has one value per index key). Overloaded by the
  // work orders' step queues (WORKSTEP#…, keys.ts workOrderItems): one new index per stack update.
  byPartnerDepartment: {
    indexName: 'byPartnerDepartment',
    partitionKey: 'partnerKey',
    sortKey: 'partnerSort',
  },
  // Past cases (issue 11, L10): resolved complaints by product model and category, most recently
  // resolved first, for the console's "past cases" card. Sparse: only a resolved complaint with a
  // model carries the key (keys.ts indexAttributes); a reopen clears resolvedAt and so leaves it.
  // Overloaded by a department's proposals awaiting approval (APPROVAL#<department>, grade then receipt).
  byPastCase: {
    indexName: 'byPastCase',
    partitionKey: 'pastCaseKey',
    sortKey: 'pastCaseSort',
  },
} as const satisfies Record<string, IndexDesign>;

export const INDEX_LIST: IndexDesign[] = Object.values(INDEXES);
