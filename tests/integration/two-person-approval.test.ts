// Issue 17 item 3 over HTTP: a payout above the shop's amount waits (code awaits_second_approval)
// until an approver other than the staff member who created it approves it on the payout page.
// Two staff users act through their own online sessions: Mia (who creates the payouts) and Leo
// (an approver); Noa is staff but not an approver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "~/audit/actor";
import { db } from "~/db.server";
import { approvePayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { requestPayout } from "~/payout-requests/request-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createInstalledShop } from "../support/factories";
import type { FakeStripe } from "../support/fake-stripe";
import { adminFetch, DEFAULT_STAFF_USER, installStaffSession, type FakeStaffUser } from "../support/shopify-session";
import {
  connectShopToStripe,
  createStripeCreator,
  givePayableUsd,
  startStripeTestApp,
  stopStripeTestApp,
} from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

const MIA = DEFAULT_STAFF_USER;
const LEO: FakeStaffUser = { id: 43, first_name: "Leo", last_name: "Park", email: "leo.park@shop.test" };
const NOA: FakeStaffUser = { id: 44, first_name: "Noa", last_name: "Levi", email: "noa.levi@shop.test" };
/** Mia as the app records her when she creates a payout (her Shopify user id, name and email). */
const MIA_ACTOR: StaffActor = { type: "staff", id: String(MIA.id), name: "Mia Staff", email: MIA.email };

const post = (domain: string, path: string, form: Record<string, string> | [string, string][], as: FakeStaffUser = MIA) =>
  adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) }, String(as.id));
const approve = (domain: string, payoutId: string, as: FakeStaffUser) =>
  post(domain, `/app/payouts/${payoutId}`, { intent: "approve" }, as);
const payStripe = (domain: string, payoutId: string, as: FakeStaffUser = MIA) =>
  post(domain, `/app/payouts/${payoutId}`, { intent: "pay_stripe" }, as);
const payoutStatus = async (payoutId: string) => (await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status;
const approvals = (payoutId: string) => db().payoutApproval.findMany({ where: { payoutId } });

/** A Stripe shop where payouts above USD 5,000.00 need a second approval, Mia and Leo approvers (set in Settings). */
async function shopWithApproval() {
  const shop = await createInstalledShop();
  await connectShopToStripe(shop.id);
  for (const staff of [LEO, NOA]) await installStaffSession(shop.domain, staff);
  const saved = await post(shop.domain, "/app/settings", {
    intent: "payout_approval",
    approvalThreshold_USD: "5,000.00",
    [`approver_${MIA.id}`]: "on",
    [`approver_${LEO.id}`]: "on",
  });
  expect(saved.status).toBe(200);
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
  return { shop, ava };
}

/** A ready payout Mia created, of the given items (USD cents). */
async function payoutByMia(shopId: string, creatorId: string, ...itemsMinor: number[]) {
  for (const amount of itemsMinor) await givePayableUsd(shopId, creatorId, amount);
  const { payoutId } = await createPayout({ shopId, creatorId, currency: "USD", origin: "run", actor: MIA_ACTOR });
  return payoutId;
}

describe("two-person approval", () => {
  it("Settings: the amount is parsed as money and held to the maximum; approvers come from the shop's staff", async () => {
    const { shop } = await shopWithApproval();
    expect(await db().payoutApprovalThreshold.findMany({ where: { shopId: shop.id } })).toMatchObject([
      { currency: "USD", amountMinor: 500_000n },
    ]);
    expect((await db().payoutApprover.findMany({ where: { shopId: shop.id }, orderBy: { staffId: "asc" } })).map((a) => a.name)).toEqual([
      "Mia Staff",
      "Leo Park",
    ]);
    const page = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(page).toContain("Noa Levi");

    for (const [amount, sentence] of [
      ["1.234", "USD"],
      ["2000000000", "at most"],
      ["abc", "digits"],
      ["0", "greater than zero"],
    ]) {
      const refused = await post(shop.domain, "/app/settings", {
        intent: "payout_approval",
        approvalThreshold_USD: amount,
        [`approver_${LEO.id}`]: "on",
      });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(sentence);
    }
    const stranger = await post(shop.domain, "/app/settings", {
      intent: "payout_approval",
      approvalThreshold_USD: "10",
      approver_999: "on",
    });
    expect(stranger.status).toBe(422);
    // Nothing of the refused forms was written.
    expect(await db().payoutApprovalThreshold.findMany({ where: { shopId: shop.id } })).toMatchObject([{ amountMinor: 500_000n }]);
  });

  it("holds a payout above the amount on the rail and in bulk, refuses its creator's approval, and pays it once Leo approves", async () => {
    const { shop, ava } = await shopWithApproval();
    const big = await payoutByMia(shop.id, ava.id, 600_000);

    const refused = await payStripe(shop.domain, big);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Awaits a second approval");
    expect(await payoutStatus(big)).toBe("ready");

    // Bulk pay skips it and says why.
    const bob = await createStripeCreator(shop.id, fake, "Bob Berg");
    const small = await payoutByMia(shop.id, bob.id, 40_000);
    const bulk = await (
      await post(shop.domain, "/app/payouts?index", [
        ["intent", "pay_stripe"],
        ["payoutId", big],
        ["payoutId", small],
      ])
    ).text();
    expect(bulk).toContain("1 payout is being paid with Stripe");
    expect(bulk).toContain("1 payout skipped, 1 on hold");
    expect(bulk).toContain("Awaits a second approval");
    expect(await payoutStatus(big)).toBe("ready");
    expect(await payoutStatus(small)).toBe("processing");

    // Mia created it: she cannot approve it, not even from two tabs at once.
    const own = await Promise.all([approve(shop.domain, big, MIA), approve(shop.domain, big, MIA)]);
    expect(own.map((response) => response.status)).toEqual([403, 403]);
    expect(await own[0].text()).toContain("You created or requested this payout");
    // Noa is staff but not an approver.
    expect((await approve(shop.domain, big, NOA)).status).toBe(403);
    expect(await approvals(big)).toEqual([]);

    // Leo approves from two tabs at once: one approval, the other tab is told it is done.
    const twoTabs = await Promise.all([approve(shop.domain, big, LEO), approve(shop.domain, big, LEO)]);
    expect(twoTabs.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await approvals(big)).toMatchObject([{ approverId: String(LEO.id), approverName: "Leo Park", amountMinor: 600_000n }]);

    // The audit trail names both people.
    const events = await db().auditEvent.findMany({
      where: { shopId: shop.id, subjectType: "payout", subjectId: big, action: { in: ["payout.created", "payout.second_approval"] } },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId, event.actorName])).toEqual([
      ["payout.created", String(MIA.id), "Mia Staff"],
      ["payout.second_approval", String(LEO.id), "Leo Park"],
    ]);

    const paid = await payStripe(shop.domain, big);
    expect(paid.status).toBe(200);
    expect(await payoutStatus(big)).toBe("processing");
  });

  it("a payout whose amount changed after the approval is held again until approved again", async () => {
    const { shop, ava } = await shopWithApproval();
    const payoutId = await payoutByMia(shop.id, ava.id, 560_000, 100_000);
    expect((await approve(shop.domain, payoutId, LEO)).status).toBe(200);

    const item = await db().payoutItem.findFirstOrThrow({ where: { payoutId, amountMinor: 100_000n } });
    const removed = await post(shop.domain, `/app/payouts/${payoutId}`, {
      intent: "remove_item",
      payoutItemId: item.id,
      disposition: "return_to_payable",
      reason: "",
    });
    expect(removed.status).toBe(200);

    const held = await payStripe(shop.domain, payoutId);
    expect(held.status).toBe(409);
    expect(await held.text()).toContain("Leo Park approved $6,600.00, but the payout is now $5,600.00");

    expect((await approve(shop.domain, payoutId, LEO)).status).toBe(200);
    expect(await approvals(payoutId)).toMatchObject([{ amountMinor: 560_000n }]);
    expect((await payStripe(shop.domain, payoutId)).status).toBe(200);
  });

  it("whoever requested the payout cannot approve it either: Leo asks, Mia approves the request, a third approver is needed", async () => {
    const { shop, ava } = await shopWithApproval();
    await givePayableUsd(shop.id, ava.id, 700_000);
    const leo: StaffActor = { type: "staff", id: String(LEO.id), name: "Leo Park", email: LEO.email };
    const { requestId } = await requestPayout(shop.id, { creatorId: ava.id, amount: "7000.00", currency: "USD" }, "merchant", leo);
    const { payoutId } = await approvePayoutRequest(shop.id, requestId, MIA_ACTOR);

    const refused = await Promise.all([approve(shop.domain, payoutId, LEO), approve(shop.domain, payoutId, MIA)]);
    expect(refused.map((response) => response.status)).toEqual([403, 403]);
    expect((await payStripe(shop.domain, payoutId)).status).toBe(409);

    const saved = await post(shop.domain, "/app/settings", {
      intent: "payout_approval",
      approvalThreshold_USD: "5000",
      [`approver_${LEO.id}`]: "on",
      [`approver_${NOA.id}`]: "on",
    });
    expect(saved.status).toBe(200);
    expect((await approve(shop.domain, payoutId, NOA)).status).toBe(200);
    expect((await payStripe(shop.domain, payoutId, LEO)).status).toBe(200);
  });

  it("a payout at or below the amount is paid without any approval", async () => {
    const { shop, ava } = await shopWithApproval();
    const payoutId = await payoutByMia(shop.id, ava.id, 500_000);
    expect((await payStripe(shop.domain, payoutId)).status).toBe(200);
    expect(await payoutStatus(payoutId)).toBe("processing");
    // And there is nothing to approve.
    const other = await payoutByMia(shop.id, ava.id, 1_000);
    expect((await approve(shop.domain, other, LEO)).status).toBe(409);
  });

  it("tenant isolation: another shop's staff cannot approve, and its own settings apply to its payouts only", async () => {
    const { shop, ava } = await shopWithApproval();
    const payoutId = await payoutByMia(shop.id, ava.id, 600_000);

    // A second shop without any approval amount, where Leo is also staff.
    const other = await createInstalledShop();
    await connectShopToStripe(other.id);
    await installStaffSession(other.domain, LEO);
    const crossShop = await approve(other.domain, payoutId, LEO);
    expect(crossShop.status).toBe(404);
    expect(await approvals(payoutId)).toEqual([]);
    expect(await payoutStatus(payoutId)).toBe("ready");

    const zoe = await createStripeCreator(other.id, fake, "Zoe Zhu");
    const unlimited = await payoutByMia(other.id, zoe.id, 600_000);
    expect((await payStripe(other.domain, unlimited)).status).toBe(200);
  });
});
