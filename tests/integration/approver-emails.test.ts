// Issue 17 §3: when a payout starts waiting for a second approval, each approver chosen in
// Settings, except the staff member who created it, gets one email through the app's email
// outbox — once per payout and amount, whatever is retried; a payout below the amount emails no one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "~/audit/actor";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { notifyPayoutApprovers, queueApproverNotices } from "~/payouts/notify-payout-approvers.server";
import { removePayoutItem } from "~/payouts/remove-payout-item.server";
import { createCreator, createInstalledShop, givePayable } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { adminFetch, DEFAULT_STAFF_USER, installStaffSession, type FakeStaffUser } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => (app = await startTestApp()));
afterAll(() => app?.close());

const MIA = DEFAULT_STAFF_USER;
const LEO: FakeStaffUser = { id: 43, first_name: "Leo", last_name: "Park", email: "leo.park@shop.test" };
const NOA: FakeStaffUser = { id: 44, first_name: "Noa", last_name: "Levi", email: "noa.levi@shop.test" };
const ZED: FakeStaffUser = { id: 45, first_name: "Zed", last_name: "Roe", email: "zed.roe@shop.test" };
const MIA_ACTOR: StaffActor = { type: "staff", id: String(MIA.id), name: "Mia Staff", email: MIA.email };

/** A shop where payouts above $5,000.00 need a second approval; Mia, Leo and Noa approve, Zed is staff only. */
async function shopWithApprovers() {
  const shop = await createInstalledShop();
  for (const staff of [LEO, NOA, ZED]) await installStaffSession(shop.domain, staff);
  const saved = await adminFetch(app.url, shop.domain, "/app/settings", {
    method: "POST",
    body: new URLSearchParams({
      intent: "payout_approval",
      approvalThreshold_USD: "5,000.00",
      [`approver_${MIA.id}`]: "on",
      [`approver_${LEO.id}`]: "on",
      [`approver_${NOA.id}`]: "on",
    }),
  });
  expect(saved.status).toBe(200);
  const ava = await createCreator(shop.id, "Ava Ames");
  return { shop, ava };
}

const approvalEmails = async (shopId: string) =>
  (
    await db().outboundEmail.findMany({ where: { shopId, subject: { contains: "awaits your approval" } }, orderBy: { toAddress: "asc" } })
  ).map((email) => [email.toAddress, email.subject.replace(/CP-\d+/, "CP-n")]);

describe("approver emails for two-person approval", () => {
  it("emails each approver but the creator of the payout once, and a retry sends nothing more", async () => {
    const { shop, ava } = await shopWithApprovers();
    for (const amountMinor of [400_000, 200_000, 100_000]) await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor });
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA_ACTOR });
    await drainJobs();
    expect(await approvalEmails(shop.id)).toEqual([
      ["leo.park@shop.test", "Payout CP-n of $7,000.00 to Ava Ames awaits your approval"],
      ["noa.levi@shop.test", "Payout CP-n of $7,000.00 to Ava Ames awaits your approval"],
    ]);
    const [leo] = await db().outboundEmail.findMany({ where: { shopId: shop.id, toAddress: LEO.email } });
    expect(leo!.textBody).toContain("Awaits a second approval: it is above $5,000.00");

    // The job retried, or queued again by a repeat of the change: nothing more is sent.
    expect(await notifyPayoutApprovers(shop.id, payoutId)).toBe(0);
    await db().$transaction((tx) => queueApproverNotices(tx, shop.id, [{ payoutId, currency: "USD", amountMinor: 700_000 }]));
    await drainJobs();
    expect(await approvalEmails(shop.id)).toHaveLength(2);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, subjectId: payoutId, action: "payout.approval_requested" } })).toBe(1);

    // A new amount (an item taken out) still above the limit waits again: one more email each…
    const removeItemOf = async (amountMinor: bigint) => {
      const [item] = await db().payoutItem.findMany({ where: { payoutId, amountMinor, state: "active" } });
      await removePayoutItem(shop.id, item!.id, MIA_ACTOR, { disposition: "return_to_payable" });
      await drainJobs();
    };
    await removeItemOf(100_000n);
    const emails = await approvalEmails(shop.id);
    expect(emails.filter(([, subject]) => subject.includes("$6,000.00")).map(([to]) => to)).toEqual([
      "leo.park@shop.test",
      "noa.levi@shop.test",
    ]);
    // …and one at or below it waits for no one.
    await removeItemOf(200_000n);
    expect(await approvalEmails(shop.id)).toHaveLength(4);
  });

  it("a payout at or below the amount, or in a currency without one, emails no one", async () => {
    const { shop, ava } = await shopWithApprovers();
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 500_000 });
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 900_000, currency: "EUR" });
    await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA_ACTOR });
    await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "EUR", origin: "run", actor: MIA_ACTOR });
    await drainJobs();
    expect(await approvalEmails(shop.id)).toEqual([]);
  });
});
