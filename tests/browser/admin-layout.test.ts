// The admin's Polaris conventions in a real browser on the demo shop (`npm run demo`): index rows
// are real links (keyboard, cmd-click, new tab), every main screen fits a 390 px phone with the
// menu reachable, and the wide tables (deal page history, Reports) fit 1280 px with no amount
// behind a horizontal scroller. Screenshots go to test-results/screenshots/.
import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";
import { seriousAxeViolations } from "../support/axe";

const SCREENSHOTS = "test-results/screenshots";

describeInBrowser("admin tables and layout in a browser", () => {
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function pageAt(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    return context.newPage();
  }

  it("acts on a page only once the app has hydrated it, however late its script arrives", async () => {
    // The browser entry arrives 1.5 s after the load event: `goto` resolves at load, so a test that
    // filled or clicked then would act on fields React resets and a form it does not handle.
    const page = await pageAt(1280);
    await page.context().route(/entry\.client/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`${demo.url}/app/creators`);
    expect(await page.evaluate(() => document.documentElement.dataset.hydrated)).toBe("true");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.hydrated)).toBe("true");
    await page.context().close();
  });

  /** How far the page scrolls sideways (0: it fits the window). */
  const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** Elements inside `scope` that scroll sideways (a table wider than its card). */
  const sidewaysScrollers = (scope: Locator) =>
    scope.evaluate((root) =>
      [root, ...root.querySelectorAll("*")]
        .filter((el) => {
          const overflow = getComputedStyle(el).overflowX;
          return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
        })
        .map((el) => `${el.tagName}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`)
        // Nothing may stick out of the card either (cut off by its rounded corners).
        .concat(
          [...root.querySelectorAll("td, th")]
            .filter((cell) => cell.getBoundingClientRect().right > root.getBoundingClientRect().right + 1)
            .map((cell) => `a cell beyond the card's edge: ${cell.textContent}`)
            .slice(0, 3),
        ),
    );

  /** Opens a list, clicks the row showing `text` and returns the path it opened. */
  async function pathOpenedBy(page: Page, list: string, text: string, opened: RegExp) {
    await page.goto(`${demo.url}${list}`);
    await page.getByText(text).first().click();
    await page.waitForURL(opened);
    return new URL(page.url()).pathname;
  }

  it("opens creators, payouts, campaigns and payout runs through real row links, by keyboard too", async () => {
    const page = await pageAt(1280);
    for (const [list, rowLink] of [
      ["/app/creators", /^\/app\/creators\/cr_/],
      ["/app/payouts", /^\/app\/payouts\/po_/],
      ["/app/campaigns", /^\/app\/campaigns\/[^/]+$/],
      ["/app/payouts/runs/new", /^\/app\/payouts\/runs\/run_/],
    ] as const) {
      await page.goto(`${demo.url}${list}`);
      const rows = page.locator("tbody tr");
      await rows.first().waitFor();
      // Every row holds one primary link with a real href: cmd-click and "open in new tab" work.
      const hrefs = await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.querySelector("a[data-primary-link]")?.getAttribute("href") ?? null),
      );
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href, `${list}: a row without a link`).toMatch(rowLink);
      // The keyboard reaches the first row's link and Enter opens it.
      const first = rows.first().locator("a[data-primary-link]");
      await first.focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(hrefs[0]);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === hrefs[0]);
    }
    // A click anywhere on a row still opens it (the row forwards it to its link).
    await page.goto(`${demo.url}/app/payouts`);
    const href = await page.locator("tbody tr").first().locator("a[data-primary-link]").getAttribute("href");
    await page.locator("tbody tr").first().locator("td").last().click();
    await page.waitForURL((url) => url.pathname === href);
    await page.close();
  }, 120_000);

  it("fits every main screen into a 390 px phone, with the menu reachable and no serious axe violations", async () => {
    const page = await pageAt(390);
    const dealPage = await pathOpenedBy(page, "/app/creators?query=ava", "Ava Chen", /\/app\/creators\/cr_/);
    const payoutPage = await pathOpenedBy(page, "/app/payouts?status=paid", "Ava Chen", /\/app\/payouts\/po_/);

    const screens: [string, string][] = [
      ["home", "/app"],
      ["creators", "/app/creators"],
      ["deal-page", dealPage!],
      ["payouts", "/app/payouts"],
      ["payout", payoutPage!],
      ["payout-requests", "/app/payouts/requests"],
      ["campaigns", "/app/campaigns"],
      ["reports", "/app/reports"],
      ["settings", "/app/settings"],
    ];
    const problems: string[] = [];
    for (const [name, path] of screens) {
      await page.goto(`${demo.url}${path}`);
      await page.locator("h1").first().waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/390-${name}.png`, fullPage: true });
      const overflow = await sidewaysScroll(page);
      if (overflow > 0) problems.push(`${name}: the page scrolls ${overflow} px sideways`);
      // Index tables stack into lists rather than hide columns behind a sideways scroller.
      if (["creators", "payouts", "campaigns"].includes(name)) {
        problems.push(...(await sidewaysScrollers(page.locator(".Polaris-IndexTable"))).map((p) => `${name}: ${p}`));
      }
      problems.push(...(await seriousAxeViolations(page, { label: name })));
    }
    expect(problems).toEqual([]);

    // The menu folds behind a button and opens the other screens.
    await page.goto(`${demo.url}/app`);
    const nav = page.getByRole("navigation").getByRole("link", { name: "Payouts" });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Toggle menu" }).click();
    await nav.waitFor({ state: "visible" });
    expect(await seriousAxeViolations(page, { label: "menu" })).toEqual([]);
    await nav.click();
    await page.waitForURL(/\/app\/payouts$/);
    await page.close();
  }, 180_000);

  it("shows the deal page's transaction history and the Reports table whole at 1280 px", async () => {
    const page = await pageAt(1280);
    await pathOpenedBy(page, "/app/creators?query=ava", "Ava Chen", /\/app\/creators\/cr_/);
    const history = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("heading", { name: "Transaction history" }) });
    await history.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/1280-deal-page.png`, fullPage: true });
    const problems = (await sidewaysScrollers(history)).map((p) => `history: ${p}`);

    await page.goto(`${demo.url}/app/reports?period=last_90_days`);
    const report = page.locator(".Polaris-ShadowBevel", { has: page.getByRole("button", { name: "Export CSV" }) });
    await report.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/1280-reports.png`, fullPage: true });
    problems.push(...(await sidewaysScrollers(report)).map((p) => `reports: ${p}`));
    expect(problems).toEqual([]);
    expect(await sidewaysScroll(page)).toBe(0);
    await page.close();
  }, 120_000);
});
