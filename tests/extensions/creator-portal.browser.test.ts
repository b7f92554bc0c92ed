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
    expect(await page.getByRole("status").innerText()).toBe("We couldn't load your creator portal. Check your connection and try again.");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    delete storefront.proxyStatus["/portal"];
    await retry.click();
    await page.getByText("Payable now: $120.00").waitFor();
    expect(await retry.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-creator-portal-content"))).toBe(true);
    expect(storefront.callsTo(PORTAL)).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it("posts a portal form with fetch, swaps in the answer and moves focus to its message", async () => {
    storefront.portalHtml =
      `<form method="post" action="${PORTAL}?locale=en" data-portal-form>` +
      `<input type="hidden" name="_portal_token" value="tok"><input type="hidden" name="intent" value="withdraw">` +
      `<label for="amount">Amount</label><input id="amount" name="amount" value="60.00">` +
      `<button type="submit">Request withdrawal</button></form>`;
    const page = await open();
    await page.getByRole("button", { name: "Request withdrawal" }).waitFor();
    storefront.portalHtml = `<p data-portal-notice tabindex="-1">Your withdrawal request was sent to the store.</p>`;
    await page.getByRole("button", { name: "Request withdrawal" }).click();
    await page.getByText("Your withdrawal request was sent to the store.").waitFor();

    const posts = storefront.callsTo(PORTAL).filter((call) => call.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0].query).toEqual({ locale: "en" });
    // FormData goes as multipart: every field of the form, the token included.
    expect(String(posts[0].body)).toContain('name="_portal_token"\r\n\r\ntok');
    expect(String(posts[0].body)).toContain('name="amount"\r\n\r\n60.00');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-portal-notice"))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("copies a referral link with the copy button and says so", async () => {
    storefront.portalHtml =
      `<label for="link">Your referral link</label><input id="link" readonly value="https://shop.example/?ref=AVA10">` +
      `<button type="button" data-portal-copy="link" data-copied-text="Copied to the clipboard." data-copy-failed-text="Copy failed.">Copy</button>` +
      `<p role="status" data-portal-copy-status></p>`;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: storefront.url });
    const page = await open();
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("https://shop.example/?ref=AVA10");
    expect(pageErrors).toEqual([]);
  });
});
