import type { SentMailCopies } from './ports.js';

let injected: SentMailCopies | undefined;

/**
 * The copies of sent mail an erasure forgets. On AWS none exist (SES keeps none), so nothing is
 * injected and there is nothing to forget; the local runtime, whose SES emulator keeps every mail
 * in its mailbox (and in a file under the data folder), injects what forgets from it. Injected like
 * the workflow clock (shared/clock.ts): no setting, so a deployed function has none to carry.
 */
export const sentMailCopies: SentMailCopies = { forget: (what) => injected?.forget(what) ?? Promise.resolve(0) };

/** Local runtime only. The function it returns removes the injection, unless another one replaced it since. */
export function injectSentMailCopies(copies: SentMailCopies): () => void {
  injected = copies;
  return () => {
    if (injected === copies) injected = undefined;
  };
}
