// ISSUE13 item 1: a creator with no payout details is paid offline. "Pay all due" (a run over all
// time) creates their payout, which waits in Ready and is marked paid offline; the run screen lists
// invited creators and notes the row. A creator on Stripe without finished onboarding stays out.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator, createShop, givePayable } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

describeWithApp("paying a creator who has no payout details", (app) => {
  async function shopWithDev() {
    const shop = await createShop();
    await installShopSession(shop.domain);
    const dev = await createCreator(shop.id, "Dev Patel", { status: "invited" });
    expect(dev.payoutDetailsStatus).toBe("missing");
    const sam = await createCreator(shop.id, "Sam Stripe", { payoutMethod: "stripe", payoutDetailsStatus: "pending" });
    await givePayable(shop.id, dev.id, { kind: "commission", amountMinor: 4000 });
    await givePayable(shop.id, sam.id, { kind: "commission", amountMinor: 5000 });
    return { shop, dev, sam };
  }
  const post = (domain: string, path: string, form: Record<string, string>) =>
    adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });

  it("Pay all due creates their payout, which is then marked paid offline", async () => {
    const { shop, dev, sam } = await shopWithDev();
    const screen = await (await adminFetch(app.url, shop.domain, "/app/payouts")).text();
    expect(screen).toContain("USD: $90.00 payable · $40.00 due in 1 payout");

    const started = await post(shop.domain, "/app/payouts", { intent: "pay_all_due", requestKey: randomUUID().replaceAll("-", "") });
    expect(started.status).toBe(302);
    await drainJobs();

    const payouts = await db().payout.findMany({ where: { shopId: shop.id } });
    expect(payouts.map((p) => [p.creatorId, p.status])).toEqual([[dev.id, "ready"]]);
    expect(payouts.some((p) => p.creatorId === sam.id)).toBe(false);

    const path = `/app/payouts/${payouts[0]!.id}`;
    expect(await (await adminFetch(app.url, shop.domain, path)).text()).toContain("Dev Patel has no payout details");
    const paid = await post(shop.domain, path, { intent: "pay_offline", method: "Cash", reference: "HANDED-OVER-2", paidOn: "2026-12-01" });
    expect(await paid.text()).toContain("Payout marked paid.");
    expect(await db().payout.findUniqueOrThrow({ where: { id: payouts[0]!.id } })).toMatchObject({
      status: "paid",
      channel: "offline",
      offlineMethod: "Cash",
      offlineReference: "HANDED-OVER-2",
    });
  });

  it("the run screen offers the invited creator and notes the row to pay offline", async () => {
    const { shop, dev } = await shopWithDev();
    const form = await (await adminFetch(app.url, shop.domain, "/app/payouts/runs/new")).text();
    expect(form).toContain(`value="${dev.id}"`);
    const preview = await post(shop.domain, "/app/payouts/runs/new", {
      from: "2025-12-01",
      to: "2026-01-31",
      creatorId: "",
      honourMinimum: "on",
      intent: "preview",
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("no payout details: pay offline by a method you agree on");
    expect(html).toContain("Excluded: Stripe onboarding not finished");
  });
});
