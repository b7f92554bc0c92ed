// What a commission has cost the shop is defined once (commissionCostsSql, issue 12 item 1): the
// recompute-and-diff, the deal page, the portal's page and the campaigns list all read the same
// amount, whatever movements the commission had.
import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCampaigns } from "~/campaigns/campaigns.server";
import { readCommissionHeldMinor, readCommissionPostedMinor } from "~/commissions/commission-amounts.server";
import { commissionPlanVersion } from "~/commissions/commission-plan-version.server";
import { db } from "~/db.server";
import { getDealPage } from "~/deal-page/get-deal-page.server";
import { earnCommission, recomputeHeldCommission, releaseHold, returnToExpense } from "~/domain/ledger";
import { PORTAL_CREATOR_SELECT, readPortalView } from "~/portal/read-portal-view.server";
import { createCreator, createShop, postDraft } from "../support/factories";
import { startTestApp, type TestApp } from "../support/test-app";

// The app (its configuration) because the portal's page reads it.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("the cost of a commission", () => {
  it("is the same amount for recompute, the deal page, the portal and the campaigns list", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const campaign = await db().campaign.create({ data: { shopId: shop.id, name: "Spring", currency: "USD" } });
    const deal = await db().deal.create({ data: { shopId: shop.id, creatorId: ava.id, title: "Reels", campaignId: campaign.id } });
    const orderedAt = new Date("2026-03-10T12:00:00Z");
    const order = await db().attributedOrder.create({
      data: {
        shopId: shop.id,
        creatorId: ava.id,
        dealId: deal.id,
        shopifyOrderId: "5600000001",
        orderName: "#1001",
        attributionSource: "referral",
        currency: "USD",
        subtotalMinor: 20_000n,
        eligibleMinor: 20_000n,
        orderedAt,
        paidAt: orderedAt,
        orderState: {} as Prisma.InputJsonValue,
      },
    });
    const commission = await db().commission.create({
      data: {
        shopId: shop.id,
        creatorId: ava.id,
        orderId: order.id,
        currency: "USD",
        planVersionId: await commissionPlanVersion(db(), shop.id, { rateBasisPoints: 1000 }),
        holdUntil: orderedAt,
      },
    });
    const money = { creatorId: ava.id, currency: "USD" };
    const subject = { type: "commission" as const, id: commission.id };
    // Earned 20.00, recomputed down by 5.00 (a partial refund in the hold), 10.00 released, 3.00 clawed back.
    await postDraft(shop.id, earnCommission({ ...money, amountMinor: 2_000 }), { subject });
    await postDraft(shop.id, recomputeHeldCommission({ ...money, diffMinor: -500 })!, { subject });
    await postDraft(shop.id, releaseHold({ ...money, amountMinor: 1_000 }), { subject });
    await postDraft(shop.id, returnToExpense({ ...money, amountMinor: 300, kind: "clawback", from: "payable" }), { subject });

    const cost = 2_000 - 500 - 300;
    expect(await db().$transaction((tx) => readCommissionPostedMinor(tx, shop.id, commission.id))).toBe(cost);
    expect(await db().$transaction((tx) => readCommissionHeldMinor(tx, shop.id, commission.id))).toBe(2_000 - 500 - 1_000);
    // The deal page's orders and its totals by status carry each commission's cost (read in the page's one statement).
    const dealPage = await getDealPage(shop.id, ava.id);
    expect(dealPage.orders.map((o) => o.commission?.amountMinor)).toEqual([cost]);
    expect(dealPage.commissions).toEqual([{ status: commission.status, currency: "USD", count: 1, amountMinor: cost }]);
    const creator = await db().creator.findUniqueOrThrow({ where: { id: ava.id }, select: PORTAL_CREATOR_SELECT });
    const view = await readPortalView(shop, creator, { commissionsPage: 1 });
    expect(view.commissions.rows.map((row) => row.amountMinor)).toEqual([cost]);
    const [row] = await listCampaigns(shop);
    expect(row.costMinor).toBe(cost);
  });
});
