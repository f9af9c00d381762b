import type { Complaint, Grade, Remedy } from '../model/complaint.js';
import type { ComplaintStore } from '../ports/index.js';

/** How many past cases the console shows beside a complaint. */
export const PAST_CASES_SHOWN = 5;

/** A resolved complaint as the "past cases" card shows it: what was decided and done, no customer data. */
export interface PastCase {
  id: string;
  ticketNumber: string;
  grade: Grade;
  resolvedAt: string;
  remedy?: Remedy;
  amount?: number;
  /** The solution as proposed (and approved where needed). */
  solution?: string;
  /** What the owner recorded as done when resolving. */
  done?: string;
}

/**
 * Issue 11 (002 "参考历史案例"): the resolved complaints of the same product model and category,
 * most recently resolved first, the complaint itself left out. One query on the past-cases index,
 * never a scan; a complaint without a model has none.
 */
export async function pastCases(store: Pick<ComplaintStore, 'listPastCases'>, c: Complaint): Promise<PastCase[]> {
  const model = c.product?.model?.trim();
  if (!model) return [];
  const { items } = await store.listPastCases(model, c.category, {
    limit: PAST_CASES_SHOWN,
    where: (other) => other.id !== c.id,
  });
  return items.map(
    (p): PastCase => ({
      id: p.id,
      ticketNumber: p.ticketNumber,
      grade: p.grade,
      resolvedAt: p.resolvedAt!,
      ...(p.solution?.remedy ? { remedy: p.solution.remedy } : {}),
      ...(p.solution?.amount !== undefined ? { amount: p.solution.amount } : {}),
      ...(p.solution?.summary ? { solution: p.solution.summary } : {}),
      ...(p.resolutionSummary ? { done: p.resolutionSummary } : {}),
    }),
  );
}
