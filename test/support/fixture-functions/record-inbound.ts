/**
 * Stands in for the inbound mail function in plumbing tests: records each event it is handed.
 * The local runtime imports entries itself, so the record lives on globalThis, not in this module.
 */
const KEY = Symbol.for('closeloop.test.inboundEvents');

export function receivedEvents(): unknown[] {
  const store = globalThis as Record<symbol, unknown[] | undefined>;
  store[KEY] ??= [];
  return store[KEY];
}

export const handler = async (event: unknown) => {
  receivedEvents().push(event);
  return { recorded: true };
};
