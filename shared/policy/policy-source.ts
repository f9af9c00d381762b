import { ConcurrentUpdateError, PolicyNotStoredError } from '../errors/index.js';
import type { PolicyStore, PolicyVersion } from '../ports/index.js';
import type { PolicyDocument } from './schema.js';

/** How the first version is written when the table has none: the same on AWS and locally. */
export interface PolicySeed {
  policy: PolicyDocument;
  preset: string;
  reason: string;
}

/**
 * The first start: when the table holds no policy, `seed` is saved as version 1 by "system". Two
 * cold starts seeding at once both try; the store lets one win, and the other reads what it wrote.
 */
export async function currentOrSeed(
  store: PolicyStore,
  seed: () => PolicySeed,
  now: () => Date,
): Promise<PolicyVersion> {
  const current = await store.current();
  if (current) return current;
  const { policy, preset, reason } = seed();
  const first: PolicyVersion = {
    version: 1,
    policy,
    savedAt: now().toISOString(),
    savedBy: 'system',
    reason,
    changedSections: [],
    preset,
  };
  try {
    await store.save(first);
    return first;
  } catch (error) {
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    const winner = await store.current();
    if (!winner) throw error;
    return winner;
  }
}

/**
 * The policy as the functions read it, per request: the current version cached for `ttlMs` (a
 * saved change reaches every container within it), a version by number cached for good (versions
 * never change). A failed refresh (the table unreachable, an item edited by hand that no longer
 * parses) keeps serving the last good version and says so; only with none at all does it fail.
 */
export class PolicySource {
  private latest?: { version: PolicyVersion; readAt: number };
  private refreshing?: Promise<PolicyVersion>;
  private readonly versions = new Map<number, Promise<PolicyVersion>>();

  constructor(
    private readonly opts: {
      store: PolicyStore;
      /**
       * Absent: an empty table is refused (PolicyNotStoredError, `onMissing` told), never read as the
       * code's defaults: the functions that grade carry no default vocabulary to fall back on.
       */
      seed?: () => PolicySeed;
      onMissing?: () => void;
      /** false: an empty table is read as the seed, version 1, without writing it (no write access). */
      saveSeed?: boolean;
      ttlMs: number;
      /** Wall time for the cache: a scaled workflow clock would expire it at once. */
      now: () => number;
      onStale: (error: unknown, version: number) => void;
    },
  ) {}

  async current(): Promise<PolicyVersion> {
    if (this.latest && this.opts.now() - this.latest.readAt < this.opts.ttlMs) return this.latest.version;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A complaint's own version; complaints from before versions were recorded use version 1. */
  version(version = 1): Promise<PolicyVersion> {
    let found = this.versions.get(version);
    if (!found) {
      found = this.opts.store.get(version).then((v) => {
        if (!v && version === 1 && this.opts.saveSeed === false) return this.unsavedSeed();
        if (!v && version === 1) return this.missing();
        if (!v) throw new Error(`policy version ${version} is not stored`);
        return v;
      });
      // A failed read is not remembered: the next request tries again.
      found.catch(() => this.versions.delete(version));
      this.versions.set(version, found);
    }
    return found;
  }

  private missing(): never {
    this.opts.onMissing?.();
    throw new PolicyNotStoredError('no policy stored');
  }

  private unsavedSeed(): PolicyVersion {
    if (!this.opts.seed) return this.missing();
    const { policy, preset, reason } = this.opts.seed();
    return {
      version: 1,
      policy,
      savedAt: new Date(0).toISOString(),
      savedBy: 'system',
      reason,
      changedSections: [],
      preset,
    };
  }

  private async refresh(): Promise<PolicyVersion> {
    try {
      const { seed } = this.opts;
      const version =
        this.opts.saveSeed === false || !seed
          ? ((await this.opts.store.current()) ?? this.unsavedSeed())
          : await currentOrSeed(this.opts.store, seed, () => new Date(this.opts.now()));
      this.latest = { version, readAt: this.opts.now() };
      this.versions.set(version.version, Promise.resolve(version));
      return version;
    } catch (error) {
      if (!this.latest) throw error;
      this.opts.onStale(error, this.latest.version.version);
      this.latest = { ...this.latest, readAt: this.opts.now() };
      return this.latest.version;
    }
  }
}
