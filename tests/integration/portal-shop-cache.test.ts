// The portal's per-instance cache of the shop and its offline session (issue 16 §4,
// app/shops/shop-cache.server.ts): every change to either is seen by the very next portal
// request — a Settings save over HTTP, a token or scope change written by any process, an
// uninstall — and one shop's entry never answers for another shop.
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { proxyFetch } from "../support/app-proxy";
import { createCreator, createInstalledShop, createShop } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { executeAsOwner } from "../support/test-database";
import { describeWithApp } from "../support/test-app";

let customerSeq = 8_700_000;

describeWithApp("portal: the cached shop and offline session", (app) => {
  /** An active creator linked to a storefront customer, and a GET of their portal fragment. */
  async function portalOf(shop: { id: string; domain: string }, customerId = String(customerSeq++), name = "Ava Ames") {
    await createCreator(shop.id, name, { shopifyCustomerId: customerId });
    return async (expectedStatus = 200) => {
      const response = await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId });
      expect(response.status).toBe(expectedStatus);
      return response.text();
    };
  }

  it("the cache is invalidated on a settings change: the next portal request shows the change", async () => {
    const shop = await createInstalledShop({ payoutSchedule: "manual" });
    const page = await portalOf(shop);
    for (let i = 0; i < 2; i++) {
      // Twice: the second answer comes from the cache.
      const html = await page();
      expect(html).toContain("Next payout: when the store pays.");
      expect(html).not.toContain("Next scheduled payout");
    }

    const saved = await adminFetch(app.url, shop.domain, "/app/settings", {
      method: "POST",
      body: new URLSearchParams({
        defaultRatePercent: "10",
        newCustomersOnly: "false",
        holdPeriodDays: "30",
        payoutSchedule: "monthly",
        creatorReviewEnabled: "false",
        invoiceRequired: "false",
        invoicePrefix: "CP-",
        selfSignupEnabled: "false",
        attributionWindowDays: "30",
        countPaidOrdersOnly: "true",
        ignoreTestOrders: "true",
        emailSenderName: "Trail Co",
        emailReplyTo: "payouts@trail.example",
        minimumPayout: "50.00",
      }),
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Settings saved");

    const after = await page();
    expect(after).toContain("Next scheduled payout:");
    expect(after).not.toContain("Next payout: when the store pays.");
  });

  it("sees a change of the offline session (new scopes after a token change) on the next request", async () => {
    const shop = await createInstalledShop({ enabledRails: ["offline", "store_credit"] });
    const page = await portalOf(shop);
    // Without write_store_credit the store-credit rail is not offered: one rail, no choice shown.
    for (let i = 0; i < 2; i++) expect(await page()).not.toContain('value="store_credit"');

    // As a reauthorization (another instance, or the library's token refresh) would write it.
    await db().session.update({
      where: { id: `offline_${shop.domain}` },
      data: { accessToken: "shpat_new_token", scope: "read_orders,read_customers,write_store_credit_account_transactions" },
    });
    expect(await page()).toContain('value="store_credit"');
  });

  it("offers the gift card rail by the cached offline session's scopes, and sees a scope change on the next request", async () => {
    const shop = await createInstalledShop({ enabledRails: ["offline", "gift_card"] });
    const page = await portalOf(shop);
    for (let i = 0; i < 2; i++) expect(await page()).not.toContain('value="gift_card"');

    await db().session.update({
      where: { id: `offline_${shop.domain}` },
      data: { scope: "read_orders,read_customers,read_gift_cards,write_gift_cards" },
    });
    for (let i = 0; i < 2; i++) expect(await page()).toContain('value="gift_card"');

    await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: "read_orders,read_customers" } });
    expect(await page()).not.toContain('value="gift_card"');
  });

  it("answers 404 on the next request once the shop is uninstalled", async () => {
    const shop = await createInstalledShop();
    const page = await portalOf(shop);
    await page();
    await page();
    await db().shop.update({ where: { id: shop.id }, data: { installState: "uninstalled" } });
    await page(404);
  });

  it("a shop deleted and installed again under the same domain (a new id) is read anew, its creator included", async () => {
    const customerId = String(customerSeq++);
    const old = await createInstalledShop({ name: "Old Co", currency: "USD", payoutSchedule: "manual" });
    const oldPage = await portalOf(old, customerId, "Olga Old");
    for (let i = 0; i < 2; i++) expect(await oldPage()).toContain("Next payout: when the store pays.");

    // As shop/redact deletes it (the runtime role may not delete shops).
    await executeAsOwner(`DELETE FROM "Shop" WHERE "id" = '${old.id}'`);
    const renewed = await createShop({ domain: old.domain, name: "New Co", currency: "EUR", payoutSchedule: "weekly" });
    await createCreator(renewed.id, "Nina New", { shopifyCustomerId: customerId });
    for (let i = 0; i < 2; i++) {
      const response = await proxyFetch(app.url, "/portal?locale=en", { shop: old.domain, customerId });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("Next scheduled payout:");
      expect(html).toContain("EUR");
    }
  });

  it("never serves shop A's cached entry for shop B (same customer id in both)", async () => {
    const customerId = String(customerSeq++);
    const a = await createInstalledShop({ name: "Shop A", currency: "USD", payoutSchedule: "manual" });
    const b = await createInstalledShop({ name: "Shop B", currency: "EUR", payoutSchedule: "weekly" });
    const pageA = await portalOf(a, customerId, "Alma Alpha");
    const pageB = await portalOf(b, customerId, "Bea Beta");
    for (let i = 0; i < 3; i++) {
      const [htmlA, htmlB] = await Promise.all([pageA(), pageB()]);
      expect(htmlA).toContain(a.domain);
      expect(htmlA).not.toContain(b.domain);
      expect(htmlA).toContain("Next payout: when the store pays.");
      expect(htmlB).toContain(b.domain);
      expect(htmlB).not.toContain(a.domain);
      expect(htmlB).toContain("Next scheduled payout:");
      expect(htmlB).toContain("EUR");
      expect(htmlA).not.toContain("EUR");
    }
  });
});
