import type { StaffMember } from '../../shared/policy/types.js';
import type { ConsoleView } from '../../web/console/layout.js';
import { demoStaff } from './staff.js';

/** A countdown that is not running: for pages that show no deadline. */
export const NO_COUNTDOWN: ConsoleView['left'] = () => ({ minutes: 0, working: false, running: false });

/**
 * What a console page knows about its reader, for rendering a page without a request: the demo staff
 * as the directory (an id it does not know is shown as itself), the zone of the default policy, CSRF
 * token `csrf-token-123`, English at `/console`, and a countdown in plain minutes from `now` to the
 * deadline. `overrides` replaces any of it.
 */
export function consoleViewFor(
  member: StaffMember,
  overrides: Partial<ConsoleView> & Pick<ConsoleView, 'now'>,
): ConsoleView {
  const { now } = overrides;
  return {
    staff: member,
    csrf: 'csrf-token-123',
    locale: 'en',
    timezone: 'Asia/Shanghai',
    path: '/console',
    nameOf: (id) => (id === undefined ? undefined : (demoStaff.find((s) => s.id === id)?.name ?? id)),
    directory: demoStaff,
    left: (deadline) => ({
      minutes: Math.floor((Date.parse(deadline) - now.getTime()) / 60_000),
      working: false,
      running: true,
    }),
    ...overrides,
  };
}
