import * as z from 'zod/mini';
import { Department, Locale } from '../model/complaint.js';
import { STAFF_ROLES, type StaffMember } from '../policy/types.js';
import type { Clock, StaffDirectory } from '../ports/index.js';

const StaffList = z.array(
  z.object({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    email: z.email(),
    role: z.enum(STAFF_ROLES),
    department: z.optional(Department),
    locale: Locale,
  }),
);

/** STAFF_DIRECTORY's members, checked: a malformed list fails the cold start, not the first sign-in. */
export function parseStaffList(json: string): StaffMember[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('STAFF_DIRECTORY is not valid JSON');
  }
  const parsed = StaffList.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`STAFF_DIRECTORY must be a list of staff members (id, name, email, role, locale); see ${where}`);
  }
  return parsed.data;
}

/** A fixed list: the local runtime's demo staff, or a test's. */
export class StaticStaffDirectory implements StaffDirectory {
  constructor(private readonly staff: StaffMember[]) {}

  async members(): Promise<StaffMember[]> {
    return this.staff;
  }
}

/**
 * The directory as one container sees it: read at most once per `ttlMs`, so a new hire or a leaver
 * takes effect within minutes, without a deploy, and a request does not wait on the directory. The
 * same array comes back until the next read, so callers can tell "unchanged" by identity. When a
 * read fails, the last list serves on (and the read is tried again at the next call) for up to
 * `maxStaleMs` past its age; after that the failure surfaces, so a leaver is never kept for long.
 */
export class CachedStaffDirectory implements StaffDirectory {
  private cached?: { staff: StaffMember[]; readAt: number };
  private reading?: Promise<StaffMember[]>;

  constructor(
    private readonly inner: StaffDirectory,
    private readonly opts: {
      ttlMs: number;
      maxStaleMs: number;
      clock: Clock;
      onStale?: (error: unknown, ageMs: number) => void;
    },
  ) {}

  members(): Promise<StaffMember[]> {
    const now = this.opts.clock.now().getTime();
    if (this.cached && now - this.cached.readAt < this.opts.ttlMs) return Promise.resolve(this.cached.staff);
    this.reading ??= this.read(now).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(now: number): Promise<StaffMember[]> {
    try {
      const staff = await this.inner.members();
      this.cached = { staff, readAt: now };
      return staff;
    } catch (error) {
      const age = this.cached ? now - this.cached.readAt : Number.POSITIVE_INFINITY;
      if (!this.cached || age >= this.opts.ttlMs + this.opts.maxStaleMs) throw error;
      this.opts.onStale?.(error, age);
      return this.cached.staff;
    }
  }
}
