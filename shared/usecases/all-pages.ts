import type { Page } from '../ports/index.js';

/** Every item of a paged list, page after page: each page one index query, never a Scan. */
export async function* allPages<T>(list: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
