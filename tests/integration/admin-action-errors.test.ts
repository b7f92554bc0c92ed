// Admin pages answer a refused action with the status of its domain error (one table:
// app/http/domain-error-status.ts) and the error's sentence in the page's banner, never a 404
// for what is not a missing record, and write nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function setup() {
  const shop = await createInstalledShop();
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12000 });
  return { shop, ava };
}

const post = async (domain: string, path: string, form: Record<string, string>) => {
  const response = await adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });
  return { status: response.status, html: await response.text() };
};

const auditCount = (shopId: string) => db().auditEvent.count({ where: { shopId } });

describe("the creator page's answers to refused actions", () => {
  it("answers a state conflict with 409 and its sentence, changing nothing", async () => {
    const { shop, ava } = await setup();
    const before = await auditCount(shop.id);
    const refused = await post(shop.domain, `/app/creators/${ava.id}`, { intent: "approve_application" });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("Ava Ames is active, not an applicant: only applications can be approved or declined.");
    expect((await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).status).toBe("active");
    expect(await auditCount(shop.id)).toBe(before);
  });

  it("answers bad input with 422, a missing record with 404 and an unknown intent with 400", async () => {
    const { shop, ava } = await setup();
    const page = `/app/creators/${ava.id}`;
    const deal = await db().deal.create({ data: { shopId: shop.id, creatorId: ava.id, title: "Spring" } });
    const bad = await post(shop.domain, page, { intent: "add_fee", dealId: deal.id, amount: "12.345", comment: "Reel" });
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/decimal|cents/i);
    const missing = await post(shop.domain, page, { intent: "cancel_fee", feeId: `ff_${randomUUID()}` });
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("That fixed fee does not exist in this shop.");
    const unknown = await post(shop.domain, page, { intent: "transfer_everything" });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain("This page does not know that action. Reload the page and try again.");
    const ok = await post(shop.domain, page, { intent: "post_adjustment", amount: "5.00", reason: "Bonus" });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("Adjustment posted.");
  });

  it("answers a bad history page with 400, not 404", async () => {
    const { shop, ava } = await setup();
    const response = await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}?history=not-a-cursor`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("That page of the history no longer exists; go back to the first page.");
  });
});

describe("the payout page's answers to refused actions", () => {
  it("answers sending a payout twice with 409 and its sentence", async () => {
    const { shop, ava } = await setup();
    const draft = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      origin: "manual",
      actor: MIA,
      amountMinor: 5000,
    });
    const path = `/app/payouts/${draft.payoutId}`;
    expect((await post(shop.domain, path, { intent: "send" })).status).toBe(200);
    const again = await post(shop.domain, path, { intent: "send" });
    expect(again.status).toBe(409);
    expect(again.html).toMatch(/cannot become|changed by someone else/);
    const unknown = await post(shop.domain, path, { intent: "pay_twice" });
    expect(unknown.status).toBe(400);
  });
});
