// ISSUE13 item 3, over HTTP: the merchant pays a creator from the deal page ("Create payout",
// as a draft or sent at once) and everyone due from the Payouts screen ("Pay all due": the total
// payable per currency, then every due payout in one action, once however often it is submitted).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { createShop, givePayable } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { CLOCK, createPayee, utc } from "../support/payout-runs.testkit";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

beforeAll(() => {
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

describeWithApp("the merchant pays without a detour", (app) => {
  const post = (domain: string, path: string, form: Record<string, string>) =>
    adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });

  it("Create payout on the deal page makes a draft, or sends it at once (ready, or to review when the shop reviews)", async () => {
    const shop = await createShop();
    await installShopSession(shop.domain);
    const ava = await createPayee(shop.id, "Ava Ames");
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 30000, payableSince: utc(2, 3) });
    const page = `/app/creators/${ava.id}`;

    const form = await (await adminFetch(app.url, shop.domain, page)).text();
    expect(form).toContain("Create payout");
    expect(form).toContain("Create and mark ready");
    expect(form).not.toContain("Request payout");

    const draft = await post(shop.domain, page, {
      intent: "create_payout",
      amount: "100.00",
      currency: "USD",
      comment: "March reel",
      send: "draft",
    });
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain("Draft payout of $100.00 created");
    const sent = await post(shop.domain, page, { intent: "create_payout", amount: "", currency: "USD", send: "send" });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toMatch(/Payout CP-\d+ of \$200\.00 created: ready to pay\./);
    // The test's pinned clock dates both payouts the same instant; the draft (no invoice number yet) came first.
    const payouts = await db().payout.findMany({
      where: { shopId: shop.id },
      orderBy: [{ createdAt: "asc" }, { invoiceNumber: { sort: "asc", nulls: "first" } }],
      include: { items: true },
    });
    expect(
      payouts.map((p) => [p.status, p.comment, p.invoiceNumber === null, p.items.reduce((s, i) => s + Number(i.amountMinor), 0)]),
    ).toEqual([
      ["draft", "March reel", true, 10000],
      ["ready", null, false, 20000],
    ]);
    expect(await db().payoutRequest.count({ where: { shopId: shop.id } })).toBe(0);

    const nothing = await post(shop.domain, page, { intent: "create_payout", amount: "5", currency: "USD", send: "send" });
    expect(nothing.status).toBe(422);
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(2);

    await db().shop.update({ where: { id: shop.id }, data: { creatorReviewEnabled: true } });
    await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 5000, payableSince: utc(2, 4) });
    expect(await (await adminFetch(app.url, shop.domain, page)).text()).toContain("Create and send for review");
    const reviewed = await post(shop.domain, page, { intent: "create_payout", amount: "50", currency: "USD", send: "send" });
    expect(await reviewed.text()).toContain("created and sent to the creator for review");
  });

  it("Pay all due shows what is payable and due per currency, creates every due payout once, however often it is submitted", async () => {
    const shop = await createShop();
    await installShopSession(shop.domain);
    await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "EUR", amountMinor: 2000n } });
    const ava = await createPayee(shop.id, "Ava Ames");
    const ben = await createPayee(shop.id, "Ben Brook");
    const eve = await createPayee(shop.id, "Eve Endo");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12500, payableSince: utc(1, 3) });
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 3000, currency: "EUR", payableSince: utc(3, 9) });
    await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 2300, payableSince: utc(2, 5) }); // below the 25.00 minimum
    await givePayable(shop.id, eve.id, { kind: "commission", amountMinor: 4000, payableSince: utc(3, 10, 1) });

    const screen = await (await adminFetch(app.url, shop.domain, "/app/payouts")).text();
    expect(screen).toContain("EUR: €30.00 payable · €30.00 due in 1 payout");
    expect(screen).toContain("USD: $188.00 payable · $165.00 due in 2 payouts");
    expect(screen).toContain("Pay all due");
    // The page sends a fresh key with its form; a double submit repeats it.
    const key = randomUUID().replaceAll("-", "");

    const first = await post(shop.domain, "/app/payouts", { intent: "pay_all_due", requestKey: key });
    const second = await post(shop.domain, "/app/payouts", { intent: "pay_all_due", requestKey: key });
    expect(first.status).toBe(302);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    await drainJobs();

    const payouts = await db().payout.findMany({ where: { shopId: shop.id }, include: { creator: true, items: true } });
    const summary = payouts
      .map((p) => `${p.creator.name} ${p.currency} ${p.items.reduce((s, i) => s + Number(i.amountMinor), 0)} ${p.status}`)
      .sort();
    expect(summary).toEqual(["Ava Ames EUR 3000 ready", "Ava Ames USD 12500 ready", "Eve Endo USD 4000 ready"]);
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(1);

    const again = await post(shop.domain, "/app/payouts", { intent: "pay_all_due", requestKey: "b".repeat(32) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Nothing is due now");
    const bad = await post(shop.domain, "/app/payouts", { intent: "pay_all_due", requestKey: "" });
    expect(bad.status).toBe(422);
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(3);
  });
});
