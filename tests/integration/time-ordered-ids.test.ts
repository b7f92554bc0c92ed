// The rows an order writes get time-ordered ids (migration 20261209110000_time_ordered_ids): the
// first 12 hex digits after the prefix are the wall-clock milliseconds the id was made, so new
// rows go to the right edge of their indexes (less WAL per order; issue 16 §1). The ids keep
// their shape: prefix + 32 hex digits.
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator, createShopWithTenPercentPlan } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { describeWithApp } from "../support/test-app";

const millisOf = (id: string, prefix: string) => parseInt(id.slice(prefix.length, prefix.length + 12), 16);

describeWithApp("ids of the rows an order writes", (app) => {
  it("start with the time they were made, in the same shape as before", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createCreator(shop.id, "Maya", { referralCode: "MAYA" });
    const before = Date.now();
    for (const orderId of [9_300_000_001, 9_300_000_002]) {
      const body = JSON.stringify(
        orderPayload({
          orderId,
          createdAt: "2026-10-03T14:21:09-04:00",
          updatedAt: "2026-10-03T14:21:09-04:00",
          lines: [{ lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 4500, discountMinor: 0 }],
          creatorRef: "MAYA",
        }),
      );
      expect((await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body })).status).toBe(200);
    }
    await drainJobs();
    const after = Date.now();

    const where = { shopId: shop.id };
    const commissions = await db().commission.findMany({ where });
    const transactions = await db().ledgerTransaction.findMany({ where, include: { entries: true } });
    const rows: [string, string[]][] = [
      ["ie_", (await db().inboundEvent.findMany({ where: { shopDomain: shop.domain } })).map((r) => r.id)],
      ["ord_", (await db().attributedOrder.findMany({ where })).map((r) => r.id)],
      ["cm_", commissions.map((r) => r.id)],
      // The two postings of one drained batch share one audit event (auditPerBatch).
      ["ev_", (await db().auditEvent.findMany({ where: { shopId: shop.id } })).map((r) => r.id)],
      ["ltx_", transactions.map((r) => r.id)],
      ["le_", transactions.flatMap((t) => t.entries.map((e) => e.id))],
    ];
    expect(commissions).toHaveLength(2);
    for (const [prefix, ids] of rows) {
      expect(ids.length, prefix).toBeGreaterThanOrEqual(prefix === "ev_" ? 1 : 2);
      for (const id of ids) {
        expect(id, prefix).toMatch(new RegExp(`^${prefix}[0-9a-f]{32}$`));
        // The database's clock and the test's are the same machine's; a little slack for rounding.
        expect(millisOf(id, prefix), id).toBeGreaterThanOrEqual(before - 5);
        expect(millisOf(id, prefix), id).toBeLessThanOrEqual(after + 5);
      }
    }
  });
});
