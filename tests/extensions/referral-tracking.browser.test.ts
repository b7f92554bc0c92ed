// The "Referral tracking" app embed in Chromium: the rendered embed and its script on a fake
// storefront that records the Ajax cart and app proxy calls.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { CREATOR_REF_ATTRIBUTE } from "~/domain/commission/shopify-order";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startFakeStorefront, type FakeStorefront } from "./support/fake-storefront";
import { watchNetwork } from "./support/quiet-network";
import { renderBlock } from "./support/storefront-liquid";

const CLICKS = "/apps/creator-payouts/clicks";
const DAY = 86_400;

describeInBrowser("referral tracking embed in a browser", () => {
  let browser: Browser;
  let storefront: FakeStorefront;
  let context: BrowserContext;
  let pageErrors: Error[];

  beforeAll(async () => {
    [browser, storefront] = await Promise.all([launchBrowser(), startFakeStorefront()]);
    storefront.setPage({
      bodyEnd: await renderBlock("blocks/referral-tracking.liquid", { settings: { attribution_window_days: 14 } }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await storefront?.close();
  });
  beforeEach(async () => {
    storefront.reset();
    pageErrors = [];
    context = await browser.newContext();
    return () => context.close();
  });

  const quietByPage = new WeakMap<Page, () => Promise<void>>();

  /** Opens `path` (in `page` when given) and waits until the script's requests are answered. */
  async function visit(path: string, page?: Page): Promise<Page> {
    let tab = page;
    if (!tab) {
      tab = await context.newPage();
      tab.on("pageerror", (error) => pageErrors.push(error));
      quietByPage.set(tab, watchNetwork(tab));
    }
    await tab.goto(`${storefront.url}${path}`);
    await quietByPage.get(tab)!();
    return tab;
  }

  async function referralCookie() {
    return (await context.cookies(storefront.url)).find((cookie) => cookie.name === "_cp_ref");
  }

  it("keeps ?ref=ava10 as AVA10 in a cookie for the attribution window, on the cart, and counts one click", async () => {
    const page = await visit("/?ref=ava10");

    const cookie = await referralCookie();
    expect(cookie).toMatchObject({ value: "AVA10", path: "/", sameSite: "Lax", httpOnly: false });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(14 * DAY - 60);
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(14 * DAY);

    expect(storefront.callsTo("/cart/update.js").map((call) => call.body)).toEqual([{ attributes: { [CREATOR_REF_ATTRIBUTE]: "AVA10" } }]);
    const clicks = storefront.callsTo(CLICKS);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ method: "POST", body: { code: "AVA10", visitorId: expect.any(String) } });

    await visit("/?ref=ava10", page);
    expect(storefront.callsTo(CLICKS)).toHaveLength(1);
    expect(storefront.callsTo("/cart/update.js")).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it("counts the same visitor's click again the next day, with the same visitor id", async () => {
    await context.clock.setFixedTime(new Date("2026-05-04T23:30:00Z"));
    const page = await visit("/?ref=AVA10");
    await visit("/?ref=AVA10", page);
    await context.clock.setFixedTime(new Date("2026-05-05T08:00:00Z"));
    await visit("/?ref=AVA10", page);

    const clicks = storefront.callsTo(CLICKS).map((call) => call.body as { code: string; visitorId: string });
    expect(clicks).toHaveLength(2);
    expect(clicks[1].visitorId).toBe(clicks[0].visitorId);
    expect(pageErrors).toEqual([]);
  });

  it("credits the last creator clicked, and counts each creator's click", async () => {
    const page = await visit("/?ref=AVA10");
    await visit("/products/sneakers?ref=ben_20", page);

    expect((await referralCookie())?.value).toBe("BEN_20");
    expect(storefront.cartAttributes[CREATOR_REF_ATTRIBUTE]).toBe("BEN_20");
    expect(storefront.callsTo(CLICKS).map((call) => (call.body as { code: string }).code)).toEqual(["AVA10", "BEN_20"]);
  });

  it("puts the cookie's code on a new cart on a later visit without counting another click", async () => {
    const page = await visit("/?ref=AVA10");
    const expires = (await referralCookie())!.expires;
    storefront.cartAttributes = {}; // checked out: the next cart starts empty

    await visit("/collections/all", page);

    expect(storefront.cartAttributes[CREATOR_REF_ATTRIBUTE]).toBe("AVA10");
    expect(storefront.callsTo("/cart/update.js")).toHaveLength(2);
    expect(storefront.callsTo(CLICKS)).toHaveLength(1);
    // The window runs from the click: browsing does not extend it.
    expect((await referralCookie())!.expires).toBe(expires);
  });

  it.each(["a", "ava 10", "ava10;path=/admin", "x".repeat(41), ""])("ignores the invalid code %j", async (ref) => {
    await visit(`/?ref=${encodeURIComponent(ref)}`);

    expect(await referralCookie()).toBeUndefined();
    expect(storefront.calls).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("does nothing on a page without ?ref for a visitor who never clicked a link", async () => {
    await visit("/");
    expect(storefront.calls).toEqual([]);
  });

  it("shrugs off a failing click endpoint", async () => {
    storefront.proxyStatus["/clicks"] = 500;
    await visit("/?ref=AVA10");
    expect(storefront.callsTo(CLICKS)).toHaveLength(1);
    expect(storefront.cartAttributes[CREATOR_REF_ATTRIBUTE]).toBe("AVA10");
    expect(pageErrors).toEqual([]);
  });

  it("shrugs off a failing cart, still keeping the cookie and counting the click", async () => {
    storefront.cartStatus = 503;
    await visit("/?ref=AVA10");
    expect(storefront.callsTo("/cart.js")).toHaveLength(1);
    expect(storefront.callsTo("/cart/update.js")).toEqual([]);
    expect((await referralCookie())?.value).toBe("AVA10");
    expect(storefront.callsTo(CLICKS)).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it("with Do Not Track, puts the code on this cart only: no cookie, no visitor id, no click", async () => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "doNotTrack", { get: () => "1" });
    });
    const page = await visit("/?ref=AVA10");

    expect(storefront.cartAttributes[CREATOR_REF_ATTRIBUTE]).toBe("AVA10");
    expect(await referralCookie()).toBeUndefined();
    expect(storefront.callsTo(CLICKS)).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
