// Browser tests run in a real Chromium (Debian's package, driven by playwright-core). Where no
// Chromium is found they are skipped with a visible notice, unless REQUIRE_BROWSER_TESTS=1
// (set by CI), which turns a missing browser into a failure.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, it } from "vitest";
import { CHROMIUM_CANDIDATES, findChromium, launchBrowser as launchChromium } from "./chromium";

export { findChromium } from "./chromium";

export const browserRequired = process.env.REQUIRE_BROWSER_TESTS === "1";

/** `describe` for browser tests: skipped (with a notice) or failing when no Chromium exists. */
export function describeInBrowser(name: string, body: () => void) {
  if (findChromium()) return describe(name, body);
  if (browserRequired) {
    return describe(name, () => {
      it("needs Chromium (REQUIRE_BROWSER_TESTS=1)", () => {
        throw new Error(`No Chromium found (looked at ${CHROMIUM_CANDIDATES.join(", ")}); install Debian's chromium package.`);
      });
    });
  }
  console.warn(`\n*** SKIPPED browser tests "${name}": no Chromium found (apt-get install chromium). ***\n`);
  return describe.skip(name, body);
}

/**
 * Resolves once the app's page has hydrated (app/entry.client.tsx marks <html data-hydrated>), at
 * once on a page that is not the Remix app (the storefront portal, a file). `goto` resolves at the
 * load event, but hydration starts a frame later: a field filled before it is reset by React's first
 * render, and a click before it submits the form without the app's script.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => !("__remixContext" in window) || document.documentElement.dataset.hydrated === "true");
}

const hydrationAware = new WeakSet<Page>();

/** Makes the page's `goto` and `reload` also wait for hydration, so no test acts before it. */
function waitingForHydration(page: Page): Page {
  if (hydrationAware.has(page)) return page;
  hydrationAware.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await waitForHydration(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    await waitForHydration(page);
    return response;
  };
  return page;
}

function waitingContext(context: BrowserContext): BrowserContext {
  context.on("page", waitingForHydration);
  const newPage = context.newPage.bind(context);
  context.newPage = async () => waitingForHydration(await newPage());
  return context;
}

/** Debian's Chromium, whose pages' `goto` and `reload` wait for the app to hydrate. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...args) => waitingContext(await newContext(...args));
  browser.newPage = async (...args) => waitingForHydration(await newPage(...args));
  return browser;
}
