import { ConcurrentUpdateError } from '../errors/index.js';

/**
 * Re-reads and re-applies a change when another writer won the version check. The change
 * function sees the fresh record each time, so no update is ever lost or applied on stale data.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** i * Math.random()));
    }
  }
}
