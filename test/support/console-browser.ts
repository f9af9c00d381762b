import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalRuntimeOptions } from '../../infra/local/runtime.js';
import { launchChromium, shotsDir, signInToConsole } from './browser.js';
import { lifecycleRuntime, stop } from './lifecycle.js';

/**
 * One browser test file's world: its own local runtime and a Chromium, both started before its
 * tests and stopped after them, with a way to open the console signed in as a demo user.
 */
export function consoleInBrowser(name: string, opts: Partial<LocalRuntimeOptions>, shotsName = name) {
  const shots = shotsDir(shotsName);
  const contexts: BrowserContext[] = [];
  let env: Awaited<ReturnType<typeof lifecycleRuntime>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [env, browser] = await Promise.all([lifecycleRuntime(name, opts), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stop(env?.runtime);
  });

  const started = () => {
    if (!env || !browser) throw new Error(`${name}: the runtime and the browser start in beforeAll`);
    return { env, browser };
  };
  return {
    /** The local runtime and its client (started in beforeAll). */
    get env() {
      return started().env;
    },
    /** A browser signed in as `user` the way a person signs in: by clicking their name on the local sign-in page. */
    async signedIn(user: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
      const context = await started().browser.newContext({ viewport, timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      await signInToConsole(page, started().env.runtime.apiUrl, user);
      return page;
    },
    url: (path: string) => `${started().env.runtime.apiUrl}${path}`,
    shot: (page: Page, shotName: string) => page.screenshot({ path: `${shots}/${shotName}.png`, fullPage: true }),
    /** How long a browser assertion waits for what the runtime does in the background. */
    seen: { timeout: 20_000 },
  };
}
