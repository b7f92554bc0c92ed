// A commission keeps the plan it was computed with as a reference to an immutable, content-addressed
// plan version (CommissionPlanVersion, migration 20261210120000): one row per distinct plan and
// shop, not a copy per commission. Recompute reads back exactly that plan after the shop's plan
// changes; versions cannot be changed, taken over by other content, or read across shops.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { expect, it } from "vitest";
import { commissionPlanVersion } from "~/commissions/commission-plan-version.server";
import { db } from "~/db.server";
import { createCreator, createShopWithTenPercentPlan, planSnapshotOf } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload, refundPayload, type OrderSpec } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { executeAsOwner } from "../support/test-database";
import { describeWithApp } from "../support/test-app";

let nextOrderId = 9_300_000_000;

function spec(): OrderSpec {
  const orderId = nextOrderId++;
  return {
    orderId,
    createdAt: "2026-10-03T14:21:09-04:00",
    updatedAt: "2026-10-03T14:21:09-04:00",
    lines: [
      { lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 4500, discountMinor: 675 },
      { lineId: orderId * 10 + 2, productId: 7002, quantity: 2, unitPriceMinor: 2250, discountMinor: 675 },
    ],
    creatorRef: "PLANV",
  };
}

async function commissionOf(shop: Shop, orderId: number) {
  const order = await db().attributedOrder.findUniqueOrThrow({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: String(orderId) } },
    include: { commission: true },
  });
  return order.commission!;
}

async function heldMinor(commissionId: string) {
  const entries = await db().ledgerEntry.findMany({
    where: { account: "held", transaction: { subjectType: "commission", subjectId: commissionId } },
  });
  return entries.reduce((sum, e) => sum + Number(e.amountMinor), 0);
}

describeWithApp("commission plan versions", (app) => {
  async function deliver(shop: Shop, topic: string, payload: unknown) {
    const response = await sendShopifyWebhook(app.url, {
      topic,
      shop: shop.domain,
      body: JSON.stringify(payload),
      webhookId: randomUUID(),
    });
    expect(response.status).toBe(200);
  }

  it("stores one version per distinct plan, and recompute reads the commission's own plan after the shop's plan changed", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createCreator(shop.id, "Creator PLANV", { referralCode: "PLANV" });
    const [first, second] = [spec(), spec()];
    await deliver(shop, "orders/create", orderPayload(first));
    await deliver(shop, "orders/create", orderPayload(second));
    await drainJobs();
    const [a, b] = [await commissionOf(shop, first.orderId), await commissionOf(shop, second.orderId)];
    expect(a.planVersionId).toBe(b.planVersionId);
    expect(await db().commissionPlanVersion.count({ where: { shopId: shop.id } })).toBe(1);
    const snapshot = await planSnapshotOf(a);
    expect(snapshot).toMatchObject({ planId: shop.defaultPlanId, kind: "percentage", rateBasisPoints: 1000 });
    expect(await heldMinor(a.id)).toBe(766);

    // The shop's plan goes to 20 %: a new order gets a new version; the first commission keeps 10 %.
    await db().commissionPlan.update({ where: { id: shop.defaultPlanId! }, data: { rateBasisPoints: 2000 } });
    const third = spec();
    await deliver(shop, "orders/create", orderPayload(third));
    await deliver(
      shop,
      "refunds/create",
      refundPayload({
        refundId: first.orderId + 1,
        orderId: first.orderId,
        createdAt: "2026-10-04T10:00:00Z",
        lines: [{ lineId: first.lines[1].lineId, quantity: 1, subtotalMinor: 1913 }],
      }),
    );
    await drainJobs();
    const c = await commissionOf(shop, third.orderId);
    expect(c.planVersionId).not.toBe(a.planVersionId);
    expect(await planSnapshotOf(c)).toMatchObject({ rateBasisPoints: 2000 });
    expect(await db().commissionPlanVersion.count({ where: { shopId: shop.id } })).toBe(2);
    // 38.25 × 10 % = 3.83 and 19.12 × 10 % = 1.91 (at 20 % it would be 7.65 + 3.82).
    expect(await heldMinor(a.id)).toBe(574);
    expect(await planSnapshotOf(await commissionOf(shop, first.orderId))).toEqual(snapshot);
  });

  it("keeps a version immutable, refuses other content at its address, and keeps it to its shop", async () => {
    const shop = await createShopWithTenPercentPlan();
    const other = await createShopWithTenPercentPlan();
    const id = await commissionPlanVersion(db(), shop.id, { kind: "flat", flatAmountMinor: 500 });
    expect(await commissionPlanVersion(db(), shop.id, { flatAmountMinor: 500, kind: "flat" })).toBe(id);

    await expect(
      db().commissionPlanVersion.update({
        where: { shopId_id: { shopId: shop.id, id } },
        data: { snapshot: { kind: "flat", flatAmountMinor: 900 } },
      }),
    ).rejects.toThrow();
    // Another snapshot written at an address that is not its own (only the owner could) is refused, not shared.
    await executeAsOwner(
      `INSERT INTO "CommissionPlanVersion" ("shopId", "id", "snapshot")
       VALUES ('${shop.id}', commission_plan_version_id('{"kind":"flat","flatAmountMinor":700}'), '{"kind":"flat","flatAmountMinor":1}')`,
    );
    await expect(commissionPlanVersion(db(), shop.id, { kind: "flat", flatAmountMinor: 700 })).rejects.toThrow(/holds another snapshot/);

    // A commission of another shop cannot point at this shop's version (tenant-scoped key).
    const creator = await createCreator(other.id, "Other creator");
    const order = await db().attributedOrder.create({
      data: {
        shopId: other.id,
        shopifyOrderId: "1",
        orderName: "#1",
        currency: "USD",
        subtotalMinor: 100n,
        orderedAt: new Date(),
        orderState: {},
      },
    });
    await expect(
      db().commission.create({ data: { shopId: other.id, creatorId: creator.id, orderId: order.id, currency: "USD", planVersionId: id } }),
    ).rejects.toThrow();
  });
});
