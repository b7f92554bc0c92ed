// Every payout screen action over HTTP, authenticated like the embedded admin: valid input
// changes exactly what it should, invalid input explains itself and writes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { createPayout } from "~/payouts/create-payout.server";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();

async function setup() {
  const shop = await createInstalledShop();
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12000 });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 30000, text: "TikTok video" });
  return { shop, ava };
}

const post = (domain: string, path: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  return adminFetch(app.url, domain, path, { method: "POST", body });
};

const auditCount = (shopId: string) => db().auditEvent.count({ where: { shopId } });

describe("payout screens", () => {
  it("lists payouts by status tab and shows one payout's items", async () => {
    const { shop, ava } = await setup();
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const list = await (await adminFetch(app.url, shop.domain, "/app/payouts?status=ready")).text();
    expect(list).toContain(payout.invoiceLabel!);
    expect(list).toContain("$420.00");
    const drafts = await (await adminFetch(app.url, shop.domain, "/app/payouts?status=draft")).text();
    expect(drafts).not.toContain(payout.invoiceLabel!);
    const detail = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}`)).text();
    expect(detail).toContain("Fee: TikTok video");
    const missing = await adminFetch(app.url, shop.domain, "/app/payouts/po_nope");
    expect(missing.status).toBe(404);
  });

  it("sends a draft, refuses to send it twice, and cancels it back to payable", async () => {
    const { shop, ava } = await setup();
    const draft = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      origin: "manual",
      actor: MIA,
      amountMinor: 5000,
    });
    const path = `/app/payouts/${draft.payoutId}?index`;
    expect(await (await post(shop.domain, path, { intent: "send" })).text()).toContain("Payout sent.");
    const before = await auditCount(shop.id);
    const again = await (await post(shop.domain, path, { intent: "send" })).text();
    expect(again).toMatch(/cannot become|changed by someone else/);
    expect(await auditCount(shop.id)).toBe(before);
    expect(await (await post(shop.domain, path, { intent: "cancel" })).text()).toContain("Payout canceled: its items are payable again.");
    expect((await db().payout.findUniqueOrThrow({ where: { id: draft.payoutId } })).status).toBe("canceled");
  });

  it("marks a ready payout paid offline, and explains a missing reference or a future date", async () => {
    const { shop, ava } = await setup();
    const ready = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const path = `/app/payouts/${ready.payoutId}`;
    const before = await auditCount(shop.id);
    const invalid = await (
      await post(shop.domain, path, { intent: "pay_offline", method: "Bank transfer", reference: "", paidOn: "2999-01-01" })
    ).text();
    expect(invalid).toContain("Enter the payment reference or receipt number.");
    expect(invalid).toContain("The payment date cannot be in the future.");
    expect(await auditCount(shop.id)).toBe(before);
    const paid = await (
      await post(shop.domain, path, { intent: "pay_offline", method: "Bank transfer", reference: "WIRE-1", paidOn: "2026-01-15" })
    ).text();
    expect(paid).toContain("Payout marked paid.");
    expect(await db().payout.findUniqueOrThrow({ where: { id: ready.payoutId } })).toMatchObject({
      status: "paid",
      offlineReference: "WIRE-1",
      channel: "offline",
    });
  });

  it("pays several payouts offline in bulk and reports the ones it could not pay", async () => {
    const { shop, ava } = await setup();
    const first = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      origin: "run",
      actor: MIA,
      amountMinor: 10000,
    });
    const second = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      origin: "manual",
      actor: MIA,
      amountMinor: 10000,
    });
    const html = await (
      await post(shop.domain, "/app/payouts?index", {
        payoutId: [first.payoutId, second.payoutId],
        method: "PayPal",
        reference: "PP-77",
        paidOn: "2026-01-15",
      })
    ).text();
    expect(html).toContain("1 payout marked paid");
    expect(html).toContain("Some payouts were not marked paid");
    expect((await db().payout.findUniqueOrThrow({ where: { id: first.payoutId } })).status).toBe("paid");
    expect((await db().payout.findUniqueOrThrow({ where: { id: second.payoutId } })).status).toBe("draft");
  });

  it("removes an item from a payout and keeps it payable", async () => {
    const { shop, ava } = await setup();
    const ready = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const item = ready.items.find((i) => i.kind === "fixed_fee")!;
    const html = await (
      await post(shop.domain, `/app/payouts/${ready.payoutId}`, {
        intent: "remove_item",
        payoutItemId: item.payoutItemId,
        disposition: "return_to_payable",
      })
    ).text();
    expect(html).toContain("Item removed from the payout.");
    expect((await db().payoutItem.findUniqueOrThrow({ where: { id: item.payoutItemId } })).state).toBe("removed");
  });

  it("approves and rejects payout requests from the queue, one decision each", async () => {
    const { shop, ava } = await setup();
    const request = await db().payoutRequest.create({
      data: { shopId: shop.id, creatorId: ava.id, origin: "creator", amountMinor: 20000n, currency: "USD", requestedBy: ava.id },
    });
    const other = await db().payoutRequest.create({
      data: { shopId: shop.id, creatorId: ava.id, origin: "merchant", amountMinor: 1000n, currency: "USD", requestedBy: "staff" },
    });
    const queue = await (await adminFetch(app.url, shop.domain, "/app/payouts/requests")).text();
    expect(queue).toContain("$200.00");
    const rejectWithoutNote = await (
      await post(shop.domain, "/app/payouts/requests", { intent: "reject_request", requestId: other.id, note: "" })
    ).text();
    expect(rejectWithoutNote).not.toContain("Request rejected");
    expect(rejectWithoutNote).toMatch(/note/i);
    expect((await db().payoutRequest.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("requested");
    expect(await (await post(shop.domain, "/app/payouts/requests", { intent: "approve_request", requestId: request.id })).text()).toContain(
      "Request approved: the payout was created.",
    );
    const twice = await (await post(shop.domain, "/app/payouts/requests", { intent: "approve_request", requestId: request.id })).text();
    expect(twice).toContain("already approved");
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(1);
    expect(
      await (
        await post(shop.domain, "/app/payouts/requests", {
          intent: "reject_request",
          requestId: other.id,
          note: "Please wait for the monthly run.",
        })
      ).text(),
    ).toContain("Request rejected");
  });

  it("runs the deal page's money actions and explains bad amounts", async () => {
    const { shop, ava } = await setup();
    const deal = await db().deal.create({ data: { shopId: shop.id, creatorId: ava.id, title: "Spring" } });
    const page = `/app/creators/${ava.id}`;
    expect(await (await adminFetch(app.url, shop.domain, page)).text()).toContain("Ava Ames");
    const bad = await (await post(shop.domain, page, { intent: "add_fee", dealId: deal.id, amount: "12.345", comment: "Reel" })).text();
    expect(bad).toMatch(/decimal|two decimals|cents/i);
    expect(await db().fixedFee.count({ where: { shopId: shop.id } })).toBe(1); // the setup's fee only
    expect(await (await post(shop.domain, page, { intent: "add_fee", dealId: deal.id, amount: "75", comment: "Reel" })).text()).toContain(
      "Fixed fee added: payable now.",
    );
    expect(
      await (await post(shop.domain, page, { intent: "post_adjustment", amount: "-5.00", reason: "Duplicate order" })).text(),
    ).toContain("Adjustment posted.");
    const tooMuch = await (await post(shop.domain, page, { intent: "create_payout", amount: "9999", currency: "USD" })).text();
    expect(tooMuch).toMatch(/is more than the/i);
    expect(
      await (await post(shop.domain, page, { intent: "create_payout", amount: "100", currency: "USD", comment: "Early" })).text(),
    ).toContain("Draft payout of $100.00 created");
    // Requests are the creator's: the merchant pays with Create payout, not by approving their own request.
    expect((await post(shop.domain, page, { intent: "request_payout", amount: "1", currency: "USD" })).status).toBe(400);
    expect(await (await post(shop.domain, page, { intent: "pause", reason: "" })).text()).toContain("Say why the creator is paused");
    expect(await (await post(shop.domain, page, { intent: "pause", reason: "Contract renewal" })).text()).toContain("Creator paused.");
    const foreign = await adminFetch(app.url, shop.domain, `/app/creators/cr_${randomUUID()}`);
    expect(foreign.status).toBe(404);
  });
});
