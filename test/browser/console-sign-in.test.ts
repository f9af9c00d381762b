import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../shared/console/session.js';
import { launchChromium, seriousViolations, shotsDir } from '../support/browser.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

/** Screenshots to look at, outside the repository. */
const SHOTS = shotsDir('console-sign-in');

/** Signing in to the console in a real browser, by clicking on the local runtime's sign-in page. */
describe('signing in to the console in a browser', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let browser: Browser;

  beforeAll(async () => {
    [env, browser] = await Promise.all([lifecycleRuntime('console-sign-in-browser'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stop(env?.runtime);
  });

  it('signs in as agent.li by clicking on the local sign-in page and lands on /console with an HttpOnly session', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const api = env.runtime.apiUrl;
    await page.goto(`${api}/console/sign-in`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/_local/oauth2/authorize');
    await page.getByRole('heading', { name: 'Sign in to Closeloop' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/local-sign-in-1280.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const landed = page.waitForURL(`${api}/console`);
    await page.getByRole('button', { name: 'Sign in as agent.li' }).click();
    await landed;

    const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // No script on the page can read it, and no token is anywhere the browser keeps.
    expect(await page.evaluate('document.cookie')).not.toContain(SESSION_COOKIE);
    expect(await page.evaluate('JSON.stringify(localStorage)')).toBe('{}');
    expect(page.url()).not.toMatch(/code=|token/);
    await context.close();
  });

  it('shows the signed-out page, in Chinese when the browser asks for it, with no serious accessibility violation', async () => {
    for (const [locale, width, heading] of [
      ['en-US', 1280, 'You have signed out'],
      ['zh-CN', 390, '您已退出登录'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${env.runtime.apiUrl}/console/sign-out`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.screenshot({ path: `${SHOTS}/signed-out-${locale}-${width}.png`, fullPage: true });
      expect(await seriousViolations(page), locale).toEqual([]);
      await context.close();
    }
  });

  it('refuses a callback that did not start in this browser with a page that offers to sign in again', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const response = await page.goto(`${env.runtime.apiUrl}/console/callback?code=stolen&state=forged`);
    expect(response?.status()).toBe(400);
    await page.getByRole('link', { name: 'Sign in again' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/sign-in-refused-390.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    await context.close();
  });
});
