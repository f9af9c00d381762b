import { describe, expect, it } from 'vitest';
import {
  consoleSessionKey,
  csrfMatches,
  newSession,
  openSession,
  requireConsoleStaff,
  SESSION_COOKIE,
  sealSession,
} from '../../shared/console/session.js';
import { UnauthorizedError } from '../../shared/errors/index.js';
import { demoStaff } from '../support/staff.js';

const key = consoleSessionKey(Buffer.from('a link-signing secret of the test'));
const now = new Date('2026-11-30T09:00:00Z');

describe('the console session', () => {
  it('opens a session it sealed, naming the same member of staff and CSRF token', () => {
    const session = newSession('agent.li', now);
    expect(openSession(sealSession(session, key), key, now)).toEqual(session);
  });

  it('refuses a session whose payload was changed to name someone else', () => {
    const sealed = sealSession(newSession('agent.li', now), key);
    const [, mac] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, s: 'manager.wang', c: 'x', e: 2e9 })).toString('base64url');
    expect(openSession(`${forged}.${mac}`, key, now)).toBeUndefined();
  });

  it('refuses a session sealed with another key, such as the customer-link key itself', () => {
    const other = Buffer.from('a link-signing secret of the test');
    expect(openSession(sealSession(newSession('agent.li', now), other), key, now)).toBeUndefined();
  });

  it('refuses a session after it expires', () => {
    const sealed = sealSession(newSession('agent.li', now, 60), key);
    expect(openSession(sealed, key, new Date(now.getTime() + 61_000))).toBeUndefined();
  });

  it('accepts only the CSRF token of its own session', () => {
    const session = newSession('agent.li', now);
    expect(csrfMatches(session, session.csrf)).toBe(true);
    expect(csrfMatches(session, newSession('agent.li', now).csrf)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
  });

  it('finds the signed-in member of staff from the cookie, and refuses one the directory no longer knows', () => {
    const sealed = sealSession(newSession('agent.li', now), key);
    const event = { cookies: ['theme=dark', `${SESSION_COOKIE}=${sealed}`], headers: {} };
    expect(requireConsoleStaff(event, key, { staff: demoStaff }, now).staff.id).toBe('agent.li');
    expect(() => requireConsoleStaff(event, key, { staff: [] }, now)).toThrow(UnauthorizedError);
    expect(() => requireConsoleStaff({ headers: {} }, key, { staff: demoStaff }, now)).toThrow(UnauthorizedError);
  });
});
