import type { ArrivedMail, DeliveryProblem, InboundOutcome } from '../mail/types.js';

/**
 * CONTRACT PLACEHOLDER (branch mail-base only; the mail-inbound branch replaces this file whole).
 * What an inbound mail does: parse, match (reply address, message id, ticket number), act.
 */
export interface ReceiveMailDeps {
  readonly _placeholder?: never;
}

export async function receiveMail(_deps: ReceiveMailDeps, _arrived: ArrivedMail): Promise<InboundOutcome> {
  throw new Error('receiveMail is implemented on the mail-inbound branch');
}

/** A bounce or complaint reported by SES through the configuration set's event destination. */
export async function recordDeliveryProblem(
  _deps: ReceiveMailDeps,
  _problem: DeliveryProblem,
): Promise<InboundOutcome> {
  throw new Error('recordDeliveryProblem is implemented on the mail-inbound branch');
}

/** Built once per cold start by the inbound functions (the real one lives in shared/wiring.ts on mail-inbound). */
export async function inboundMailDeps(): Promise<ReceiveMailDeps> {
  return {};
}
