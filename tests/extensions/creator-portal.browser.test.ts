// The "Creator portal" app block in Chromium: the rendered block, its script and stylesheet on a
// fake storefront whose app proxy serves (or fails to serve) the portal.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startFakeStorefront, type FakeStorefront } from "./support/fake-storefront";
import { renderBlock } from "./support/storefront-liquid";

const PORTAL = "/apps/creator-payouts/portal";
const PORTAL_HTML = `<h3>Balances</h3><p>Payable now: $120.00</p>`;

describeInBrowser("creator portal block in a browser", () => {
  let browser: Browser;
  let storefront: FakeStorefront;
  let context: BrowserContext;
  let pageErrors: Error[];

  beforeAll(async () => {
    [browser, storefront] = await Promise.all([launchBrowser(), startFakeStorefront()]);
    storefront.setPage({
      main: await renderBlock("blocks/creator-portal.liquid", {
        customer: { id: 7001, email: "ava@example.com" },
        settings: { show_balances: false },
      }),
      // Shopify adds the block's schema `javascript` as a deferred script.
      bodyEnd: `<script src="/assets/creator-portal.js" defer></script>`,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await storefront?.close();
  });
  beforeEach(async () => {
    storefront.reset();
    pageErrors = [];
    // Mobile first: a phone-sized viewport.
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    return () => context.close();
  });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.goto(storefront.url);
    return page;
  }

  async function seriousAccessibilityViolations(page: Page) {
    const axe = await new AxeBuilder({ page }).include(".creator-portal").analyze();
    return axe.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.help}`);
  }

  it("loads the portal into a labelled region, asking the app without balances", async () => {
    storefront.portalHtml = PORTAL_HTML;
    const page = await open();

    const region = page.getByRole("region", { name: "Creator portal" });
    await region.getByText("Payable now: $120.00").waitFor();
    expect(await region.getByRole("heading", { name: "Creator portal", level: 2 }).count()).toBe(1);
    // The emptied live region is hidden, so it is found by its data attribute, not its role.
    expect(await page.locator("[data-creator-portal-status]").textContent()).toBe("");
    expect(await page.getByRole("button", { name: "Try again" }).isVisible()).toBe(false);
    expect(storefront.callsTo(PORTAL)).toEqual([
      expect.objectContaining({ method: "GET", query: { locale: "en", show_balances: "false" } }),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("says when the portal cannot load and loads it on retry, moving focus to it", async () => {
    storefront.proxyStatus["/portal"] = 502;
    storefront.portalHtml = PORTAL_HTML;
    const page = await open();

    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    expect(await page.getByRole("status").innerText()).toBe(
      "We couldn't load your creator portal. Check your connection and try again.",
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    delete storefront.proxyStatus["/portal"];
    await retry.click();
    await page.getByText("Payable now: $120.00").waitFor();
    expect(await retry.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-creator-portal-content"))).toBe(true);
    expect(storefront.callsTo(PORTAL)).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });
});
