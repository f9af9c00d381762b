class FixtureFault extends Error {
  override name = 'FixtureFault';
}

/** Always fails, so Retry/Catch and the gateway's 500 can be observed. */
export const handler = async (): Promise<never> => {
  throw new FixtureFault('the fixture failed on purpose');
};
