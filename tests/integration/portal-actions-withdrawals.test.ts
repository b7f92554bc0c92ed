// Withdrawal requests and deliverable submissions from the portal: the creator acts only on
// their own balance and deliverables, within the range the shop allows.
import { beforeAll, describe, expect, it } from "vitest";
import { createDeal } from "~/deals/create-deal.server";
import { createDeliverable } from "~/deliverables/create-deliverable.server";
import { rejectDeliverable } from "~/deliverables/decide-deliverable.server";
import { approvePayoutRequest, rejectPayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { db } from "~/db.server";
import { requestWithdrawal } from "~/portal/actions/request-withdrawal.server";
import { submitDeliverableAsCreator } from "~/portal/actions/submit-deliverable-as-creator.server";
import { createCreator, createShop, givePayable, MIA } from "../support/factories";
import { balancesOf, rowCounts } from "../support/deal-fixtures";
import { useTestDatabase } from "../support/test-database";

/** Ava owed `payableMinor` USD, and Ben, another creator of the same shop, owed 300.00. */
async function owed(payableMinor: number, minimumMinor?: number) {
  const shop = await createShop();
  if (minimumMinor !== undefined)
    await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "USD", amountMinor: BigInt(minimumMinor) } });
  const ava = await createCreator(shop.id, "Ava Ames");
  const ben = await createCreator(shop.id, "Ben Brook");
  if (payableMinor) await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: payableMinor });
  await givePayable(shop.id, ben.id, { kind: "adjustment", amountMinor: 30000 });
  return { shop, ava, ben };
}

async function refused(shopId: string, change: () => Promise<unknown>, amountError: string) {
  const before = await rowCounts(shopId);
  await expect(change()).rejects.toMatchObject({ code: "invalid_input", details: { fieldErrors: { amount: amountError } } });
  expect(await rowCounts(shopId)).toEqual(before);
}

describe("portal: withdrawals", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("requests an amount in range, as the creator, with the method asked for", async () => {
    const { shop, ava, ben } = await owed(10000);
    const request = await requestWithdrawal(shop.id, ava.id, { amount: "60.00", currency: "usd", method: "paypal", comment: "For March" });
    expect(request).toMatchObject({ amountMinor: 6000, currency: "USD" });
    expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: request.requestId } })).toMatchObject({
      creatorId: ava.id,
      origin: "creator",
      status: "requested",
      amountMinor: 6000n,
      requestedMethod: "paypal",
      comment: "For March",
      requestedBy: ava.id,
    });
    // Nothing is reserved by a request; Ben's balance is untouched.
    expect(await balancesOf(shop.id, ava.id)).toMatchObject({ payable: 10000, inPayout: 0 });
    expect(await balancesOf(shop.id, ben.id)).toMatchObject({ payable: 30000, inPayout: 0 });
    expect(await db().payoutRequest.count({ where: { shopId: shop.id, creatorId: ben.id } })).toBe(0);
  });

  it("accepts exactly the minimum and exactly what is available", async () => {
    const { shop, ava } = await owed(10000);
    await requestWithdrawal(shop.id, ava.id, { amount: "25", currency: "USD" });
    await requestWithdrawal(shop.id, ava.id, { amount: "75", currency: "USD" });
    expect(await db().payoutRequest.count({ where: { shopId: shop.id, creatorId: ava.id } })).toBe(2);
  });

  it("refuses below the minimum and above the available amount, saying the range", async () => {
    const { shop, ava } = await owed(10000);
    await refused(
      shop.id,
      () => requestWithdrawal(shop.id, ava.id, { amount: "24.99", currency: "USD" }),
      "Enter an amount from $25.00 to $100.00.",
    );
    await refused(
      shop.id,
      () => requestWithdrawal(shop.id, ava.id, { amount: "100.01", currency: "USD" }),
      "Enter an amount from $25.00 to $100.00.",
    );
    // An open request counts against what is available.
    await requestWithdrawal(shop.id, ava.id, { amount: "40", currency: "USD" });
    await refused(
      shop.id,
      () => requestWithdrawal(shop.id, ava.id, { amount: "61", currency: "USD" }),
      "Enter an amount from $25.00 to $60.00.",
    );
  });

  it("uses the shop's own minimum, and says when less than it is available", async () => {
    const { shop, ava } = await owed(4000, 5000);
    await refused(
      shop.id,
      () => requestWithdrawal(shop.id, ava.id, { amount: "40", currency: "USD" }),
      "Withdrawals start at $50.00; $40.00 is available in USD now.",
    );
    const empty = await owed(0);
    await refused(
      empty.shop.id,
      () => requestWithdrawal(empty.shop.id, empty.ava.id, { amount: "30", currency: "USD" }),
      "Nothing is available to withdraw in USD yet; withdrawals start at $25.00.",
    );
  });

  it("refuses an amount that is not a number and another shop's creator", async () => {
    const { shop, ava } = await owed(10000);
    await refused(
      shop.id,
      () => requestWithdrawal(shop.id, ava.id, { amount: "ten", currency: "USD" }),
      expect.any(String) as unknown as string,
    );
    await expect(requestWithdrawal(shop.id, ava.id, { amount: "30", currency: "USD", method: "cash" })).rejects.toMatchObject({
      details: { fieldErrors: { method: "Choose Stripe, PayPal, bank transfer or other." } },
    });
    const other = await createShop();
    await expect(requestWithdrawal(other.id, ava.id, { amount: "30", currency: "USD" })).rejects.toMatchObject({
      code: "creator_not_found",
    });
  });

  it("emails the creator when the withdrawal is approved (one email, not two) or rejected", async () => {
    const { shop, ava } = await owed(10000);
    const first = await requestWithdrawal(shop.id, ava.id, { amount: "30", currency: "USD" });
    const second = await requestWithdrawal(shop.id, ava.id, { amount: "30", currency: "USD" });
    await approvePayoutRequest(shop.id, first.requestId, MIA);
    await rejectPayoutRequest(shop.id, second.requestId, MIA, "Please send the March invoice first.");
    const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(emails.map((e) => [e.toAddress, e.subject])).toEqual([
      [ava.email, "Trail Co: your $30.00 withdrawal request was approved"],
      [ava.email, "Trail Co: your $30.00 withdrawal request was not approved"],
    ]);
    expect(emails[0].textBody).toContain("is scheduled");
    expect(emails[1].textBody).toContain("Please send the March invoice first.");
    expect(emails[0].textBody).toContain(`https://${shop.domain}/apps/creator-payouts/portal`);
  });
});

describe("portal: deliverables", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  async function withDeliverable() {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const ben = await createCreator(shop.id, "Ben Brook");
    const { dealId } = await createDeal(shop.id, { creatorId: ava.id, title: "Spring launch" }, MIA);
    const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "TikTok video" }, MIA);
    return { shop, ava, ben, deliverableId };
  }

  it("submits, and resubmits after a rejection, as the creator", async () => {
    const { shop, ava, deliverableId } = await withDeliverable();
    await submitDeliverableAsCreator(shop.id, ava.id, deliverableId, { url: "https://www.tiktok.com/@ava/video/1", note: "First cut" });
    await rejectDeliverable(shop.id, deliverableId, { note: "Show the logo" }, MIA);
    await submitDeliverableAsCreator(shop.id, ava.id, deliverableId, { url: "https://www.tiktok.com/@ava/video/2" });
    expect((await db().deliverable.findUniqueOrThrow({ where: { id: deliverableId } })).status).toBe("submitted");
    const submissions = await db().deliverableSubmission.findMany({ where: { deliverableId }, orderBy: { submittedAt: "asc" } });
    expect(submissions.map((s) => s.contentUrl)).toEqual(["https://www.tiktok.com/@ava/video/1", "https://www.tiktok.com/@ava/video/2"]);
    const events = await db().auditEvent.findMany({ where: { subjectId: deliverableId, action: "deliverable.submitted" } });
    expect(events.map((e) => [e.actorType, e.actorId])).toEqual([
      ["creator", ava.id],
      ["creator", ava.id],
    ]);
  });

  it("treats another creator's deliverable as not found and writes nothing", async () => {
    const { shop, ben, deliverableId } = await withDeliverable();
    const before = await rowCounts(shop.id);
    await expect(submitDeliverableAsCreator(shop.id, ben.id, deliverableId, { url: "https://example.com/x" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(submitDeliverableAsCreator(shop.id, ben.id, "dv_missing", { url: "https://example.com/x" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await rowCounts(shop.id)).toEqual(before);
  });

  it("puts a bad link's message on the portal's url field", async () => {
    const { shop, ava, deliverableId } = await withDeliverable();
    await expect(submitDeliverableAsCreator(shop.id, ava.id, deliverableId, { url: "not a link" })).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: { url: expect.stringContaining("https://") } },
    });
  });
});
