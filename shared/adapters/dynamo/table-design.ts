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
 *   COMPLAINT#<id> / PARTNER#<request>     an open request to a partner department (keys.ts partnerRequestItems)
 */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
export const TTL_ATTRIBUTE = 'ttl';

export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Which access pattern the index serves. */
  purpose: string;
}

export const INDEXES = {
  byStatus: {
    indexName: 'byStatus',
    partitionKey: 'statusKey',
    sortKey: 'statusSort',
    purpose: 'complaints by status, then grade, then receipt time',
  },
  byDepartment: {
    indexName: 'byDepartment',
    partitionKey: 'departmentKey',
    sortKey: 'departmentSort',
    purpose: 'a department queue, ordered by next deadline',
  },
  byOwner: {
    indexName: 'byOwner',
    partitionKey: 'ownerKey',
    sortKey: 'ownerSort',
    purpose: "an owner's queue, ordered by next deadline",
  },
  byDeadline: {
    indexName: 'byDeadline',
    partitionKey: 'dueKey',
    sortKey: 'dueSort',
    purpose: 'open complaints by next deadline (sparse: closed complaints leave it)',
  },
  byCustomerEmail: {
    indexName: 'byCustomerEmail',
    partitionKey: 'emailKey',
    sortKey: 'emailSort',
    purpose: "a customer's complaints by email, newest first",
  },
  byOrderNumber: {
    indexName: 'byOrderNumber',
    partitionKey: 'orderKey',
    sortKey: 'orderSort',
    purpose: 'complaints about one order',
  },
  // Departments working together: one item per open partner request, so a complaint asking two
  // departments is in both queues (a complaint item has one value per index key).
  byPartnerDepartment: {
    indexName: 'byPartnerDepartment',
    partitionKey: 'partnerKey',
    sortKey: 'partnerSort',
    purpose: "open requests to a partner department, ordered by the request's deadline",
  },
} as const satisfies Record<string, IndexDesign>;

export const INDEX_LIST: IndexDesign[] = Object.values(INDEXES);
