import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run where missing), headless, with nothing that phones home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The serious and critical accessibility violations axe finds on the page, each with where it is. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Where a suite's screenshots go, for a person to look at (no test compares them): CLOSELOOP_SHOTS
 * when set, otherwise the system's temporary folder, never the repository.
 */
export function shotsDir(suite: string): string {
  const dir = join(process.env.CLOSELOOP_SHOTS ?? join(tmpdir(), 'closeloop-shots'), suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Signs `user` in to the console the way a person does: the console sends the browser to the local
 * runtime's sign-in page, a click on the user's button comes back with the session cookie.
 */
export async function signInToConsole(page: Page, apiUrl: string, user: string): Promise<void> {
  await page.goto(`${apiUrl}/console/sign-in`);
  const landed = page.waitForURL(
    (url) => url.pathname.startsWith('/console') && !/\/(sign-in|callback)$/.test(url.pathname),
  );
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
  await landed;
}
