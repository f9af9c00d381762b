import { BadRequestError, ConcurrentUpdateError } from '../../shared/errors/index.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import type { Page, PolicyStore, PolicyVersion, PolicyVersionSummary } from '../../shared/ports/index.js';

/** Version 1 as the first start stores it: `policy` from the closeloop preset, saved by the system. */
export function firstStartVersion(policy: PolicyDocument): PolicyVersion {
  return {
    version: 1,
    policy,
    savedAt: '2026-11-30T00:00:00.000Z',
    savedBy: 'system',
    reason: 'defaults at first start',
    changedSections: [],
    preset: 'closeloop',
  };
}

/**
 * The PolicyStore port in memory, as strict as the table: a save must be exactly one above the
 * current version (else ConcurrentUpdateError), history is newest first with an opaque cursor, and
 * what comes back is a copy, so a test cannot change a stored version by editing what it read.
 */
export class MemoryPolicyStore implements PolicyStore {
  private readonly versions: PolicyVersion[] = [];

  constructor(initial: PolicyVersion[] = []) {
    for (const version of initial) this.versions.push(structuredClone(version));
    this.versions.sort((a, b) => a.version - b.version);
  }

  async current(): Promise<PolicyVersion | undefined> {
    const last = this.versions.at(-1);
    return last && structuredClone(last);
  }

  async get(version: number): Promise<PolicyVersion | undefined> {
    const found = this.versions.find((v) => v.version === version);
    return found && structuredClone(found);
  }

  async history(limit: number, cursor?: string): Promise<Page<PolicyVersionSummary>> {
    const before = cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(cursor);
    const older = this.versions.filter((v) => v.version < before).reverse();
    const items = older.slice(0, limit).map(({ policy: _policy, ...summary }) => structuredClone(summary));
    const last = items.at(-1);
    return older.length > limit && last ? { items, nextCursor: encodeCursor(last.version) } : { items };
  }

  async save(version: PolicyVersion): Promise<void> {
    const current = this.versions.at(-1)?.version ?? 0;
    if (version.version !== current + 1) throw new ConcurrentUpdateError('policy changed since');
    this.versions.push(structuredClone(version));
  }
}

const encodeCursor = (version: number) => Buffer.from(JSON.stringify({ before: version })).toString('base64url');

function decodeCursor(cursor: string): number {
  try {
    const { before } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof before === 'number' && Number.isInteger(before)) return before;
  } catch {
    // refused below
  }
  throw new BadRequestError('cursor_invalid');
}
