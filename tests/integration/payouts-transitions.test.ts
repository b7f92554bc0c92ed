// A payout's life (DOMAIN.md §3): send, review, cancel, pay offline, remove items. Every move is
// checked against the state machine, applied only if nobody changed the payout meanwhile, and
// posted to the ledger with its audit event.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { acceptPayoutReview } from "~/payouts/accept-payout-review.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { markPayoutsPaidOffline } from "~/payouts/mark-payouts-paid-offline.server";
import { createCreator, createShop, givePayable, MIA, PAID_ON } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants, rowCounts } from "../support/money-invariants";
import { getPayoutOrThrow, listPayouts } from "~/payouts/read-payout.server";
import { removePayoutItem } from "~/payouts/remove-payout-item.server";
import { sendDraftPayout } from "~/payouts/send-draft-payout.server";
import { useTestDatabase } from "../support/test-database";

const AVA_AS_CREATOR = { type: "creator", id: "cr_ava" } as const;
const PAYMENT = { method: "Bank transfer", reference: "WIRE-2291", paidOn: PAID_ON };

/** A shop, Ava, a 100.00 commission and a 50.00 fee, and a payout of both in `status`. */
async function payoutIn(status: "draft" | "pending_review" | "ready" | "paid" | "canceled", review = status === "pending_review") {
  const shop = await createShop({ creatorReviewEnabled: review });
  const ava = await createCreator(shop.id, "Ava Ames");
  const commission = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });
  const fee = await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 5000, text: "TikTok video" });
  const created = await createPayout({
    shopId: shop.id,
    creatorId: ava.id,
    currency: "USD",
    actor: MIA,
    origin: status === "draft" ? "manual" : "run",
  });
  const payoutId = created.payoutId;
  if (status === "paid") await markPayoutPaidOffline(shop.id, payoutId, MIA, PAYMENT);
  if (status === "canceled") await cancelPayout(shop.id, payoutId, MIA);
  const commissionItem = created.items.find((item) => item.kind === "commission")!;
  const feeItem = created.items.find((item) => item.kind === "fixed_fee")!;
  return { shop, ava, payoutId, commission, fee, commissionItem, feeItem };
}

async function statusOf(payoutId: string) {
  return (await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status;
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("sending and reviewing", () => {
  it("sends a draft straight to ready when the shop has no review step, with the next invoice number", async () => {
    const { shop, payoutId } = await payoutIn("draft");
    const sent = await sendDraftPayout(shop.id, payoutId, MIA);
    expect(sent).toEqual({ status: "ready", invoiceNumber: 1, invoiceLabel: "CP-00001" });
    expect(await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).toMatchObject({ status: "ready", approvedBy: "staff_mia" });
  });

  it("sends a draft to the creator for review, who accepts it", async () => {
    const { shop, payoutId } = await payoutIn("draft", true);
    expect(await sendDraftPayout(shop.id, payoutId, MIA)).toMatchObject({ status: "pending_review" });
    expect(await acceptPayoutReview(shop.id, payoutId, AVA_AS_CREATOR)).toEqual({ status: "ready" });
    expect(await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).toMatchObject({ status: "ready", approvedBy: "cr_ava" });
    const actions = await db().auditEvent.findMany({ where: { subjectId: payoutId }, orderBy: { occurredAt: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["payout.created", "payout.sent", "payout.review_accepted"]);
  });

  it("refuses to send what is not a draft or accept what is not in review, writing nothing", async () => {
    const { shop, payoutId } = await payoutIn("ready");
    const before = await rowCounts(shop.id);
    await expect(sendDraftPayout(shop.id, payoutId, MIA)).rejects.toMatchObject({ code: "illegal_transition" });
    await expect(acceptPayoutReview(shop.id, payoutId, MIA)).rejects.toThrow("A payout that is ready cannot become ready.");
    expect(await rowCounts(shop.id)).toEqual(before);

    const paid = await payoutIn("paid");
    await expect(sendDraftPayout(paid.shop.id, paid.payoutId, MIA)).rejects.toThrow("A payout that is paid cannot become ready.");
    await expect(sendDraftPayout(paid.shop.id, "po_missing", MIA)).rejects.toMatchObject({ code: "payout_not_found" });
  });
});

describe("canceling", () => {
  it.each(["draft", "pending_review", "ready"] as const)("cancels a %s payout and returns its money to payable", async (status) => {
    const { shop, ava, payoutId } = await payoutIn(status);
    expect(await cancelPayout(shop.id, payoutId, MIA, "Waiting for payout details")).toEqual({ status: "canceled", releasedMinor: 15000 });

    expect(await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).toMatchObject({
      status: "canceled",
      statusReason: "Waiting for payout details",
    });
    expect(await db().payoutItem.findMany({ where: { payoutId }, select: { state: true } })).toEqual([
      { state: "released" },
      { state: "released" },
    ]);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 15000, ledgerInPayout: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
    // The released items can go into a new payout.
    expect(await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" })).toMatchObject({
      amountMinor: 15000,
    });
  });

  it("cancels a failed payout too, but not a paid or canceled one", async () => {
    const failed = await payoutIn("ready");
    await db().payout.update({ where: { id: failed.payoutId }, data: { status: "failed" } }); // as the Stripe flow would
    expect(await cancelPayout(failed.shop.id, failed.payoutId, MIA)).toMatchObject({ status: "canceled" });

    const paid = await payoutIn("paid");
    const before = await rowCounts(paid.shop.id);
    await expect(cancelPayout(paid.shop.id, paid.payoutId, MIA)).rejects.toThrow("A payout that is paid cannot become canceled.");
    const canceled = await payoutIn("canceled");
    await expect(cancelPayout(canceled.shop.id, canceled.payoutId, MIA)).rejects.toMatchObject({ code: "illegal_transition" });
    expect(await rowCounts(paid.shop.id)).toEqual(before);
  });
});

describe("paying offline", () => {
  it("moves the money from in_payout to paid_offline, records how it was paid and marks what it paid for as paid", async () => {
    const { shop, ava, payoutId, commission, fee } = await payoutIn("ready");

    const paid = await markPayoutPaidOffline(shop.id, payoutId, MIA, { ...PAYMENT, note: "Thanks for a great January!" });

    expect(paid).toEqual({ status: "paid", from: "ready", amountMinor: 15000, paidOn: PAID_ON });
    expect(await getPayoutOrThrow(shop.id, payoutId)).toMatchObject({
      status: "paid",
      channel: "offline",
      offlineMethod: "Bank transfer",
      offlineReference: "WIRE-2291",
      paidOn: PAID_ON,
      processedBy: "staff_mia",
      noteToCreator: "Thanks for a great January!",
    });
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerInPayout: 0, ledgerPaidOffline: 15000, paidPayouts: 15000 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
    expect(await db().commission.findUniqueOrThrow({ where: { id: commission.commissionId! } })).toMatchObject({ status: "paid" });
    expect(await db().fixedFee.findUniqueOrThrow({ where: { id: fee.fixedFeeId! } })).toMatchObject({ status: "paid" });
    const ledgerKinds = await db().ledgerTransaction.findMany({ where: { subjectId: payoutId }, orderBy: { postedAt: "asc" } });
    expect(ledgerKinds.map((tx) => tx.kind)).toEqual(["reserve_for_payout", "pay_offline"]);
  });

  it("leaves a commission approved while the other part of its split is still unpaid", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    const commission = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });
    const base = { shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" } as const;
    const first = await createPayout({ ...base, amountMinor: 4000 });

    await markPayoutPaidOffline(shop.id, first.payoutId, MIA, PAYMENT);
    expect(await db().commission.findUniqueOrThrow({ where: { id: commission.commissionId! } })).toMatchObject({ status: "approved" });

    const rest = await createPayout(base);
    await markPayoutPaidOffline(shop.id, rest.payoutId, MIA, PAYMENT);
    expect(await db().commission.findUniqueOrThrow({ where: { id: commission.commissionId! } })).toMatchObject({ status: "paid" });
  });

  it("answers each invalid field with a sentence and writes nothing", async () => {
    const { shop, payoutId } = await payoutIn("ready");
    const before = await rowCounts(shop.id);
    const attempt = markPayoutPaidOffline(shop.id, payoutId, MIA, { method: " ", reference: "x".repeat(101), paidOn: "2026-02-30" });
    await expect(attempt).rejects.toMatchObject({
      code: "invalid_offline_payment",
      details: {
        fieldErrors: {
          method: "Say how you paid, for example Bank transfer or PayPal.",
          reference: "Keep the reference to 100 characters.",
          paidOn: "Enter a real date, like 2026-03-31.",
        },
      },
    });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await expect(markPayoutPaidOffline(shop.id, payoutId, MIA, { ...PAYMENT, paidOn: tomorrow })).rejects.toMatchObject({
      details: { fieldErrors: { paidOn: "The payment date cannot be in the future." } },
    });
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await statusOf(payoutId)).toBe("ready");
  });

  it("pays only ready payouts", async () => {
    for (const status of ["draft", "pending_review", "paid", "canceled"] as const) {
      const { shop, payoutId } = await payoutIn(status);
      const before = await rowCounts(shop.id);
      await expect(markPayoutPaidOffline(shop.id, payoutId, MIA, PAYMENT)).rejects.toMatchObject({ code: "illegal_transition" });
      expect(await rowCounts(shop.id)).toEqual(before);
    }
  });

  it("pays a batch payout by payout, reporting the ones it could not pay", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const ben = await createCreator(shop.id, "Ben Okafor");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });
    await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 7000 });
    const avas = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
    const bens = await createPayout({ shopId: shop.id, creatorId: ben.id, currency: "USD", actor: MIA, origin: "manual" });

    const outcomes = await markPayoutsPaidOffline(shop.id, [avas.payoutId, bens.payoutId, "po_missing"], MIA, PAYMENT);

    expect(outcomes).toEqual([
      { payoutId: avas.payoutId, outcome: "paid", amountMinor: 10000 },
      {
        payoutId: bens.payoutId,
        outcome: "error",
        code: "illegal_transition",
        message: "A payout that is draft cannot become processing.",
      },
      { payoutId: "po_missing", outcome: "error", code: "payout_not_found", message: expect.any(String) },
    ]);
    expect(await statusOf(bens.payoutId)).toBe("draft");
    expect(
      await markPayoutsPaidOffline(shop.id, [bens.payoutId], MIA, { ...PAYMENT, reference: "" }).catch((e: { code: string }) => e.code),
    ).toBe("invalid_offline_payment");
  });
});

describe("removing an item", () => {
  it("returns a disputed item to payable; the rest of the payout stays", async () => {
    const { shop, ava, payoutId, feeItem } = await payoutIn("pending_review");

    const removed = await removePayoutItem(shop.id, feeItem.payoutItemId, MIA, {
      disposition: "return_to_payable",
      reason: "Video not posted yet",
    });

    expect(removed).toEqual({ payoutId, payoutAmountMinor: 10000, payoutCanceled: false });
    const detail = await getPayoutOrThrow(shop.id, payoutId);
    expect(detail.amountMinor).toBe(10000);
    expect(detail.items.map((item) => [item.label, item.state])).toEqual([
      [expect.stringMatching(/^Commission on order #\d+$/), "active"],
      ["Fee: TikTok video", "removed"],
    ]);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 5000, ledgerInPayout: 10000 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });

  it("rejects a commission for good: back to expense, never payable again", async () => {
    const { shop, ava, payoutId, commission, commissionItem } = await payoutIn("ready");

    await removePayoutItem(shop.id, commissionItem.payoutItemId, MIA, { disposition: "reject", reason: "Order was fraudulent" });

    expect(await db().payableItem.findUniqueOrThrow({ where: { id: commission.id } })).toMatchObject({
      rejectReason: "Order was fraudulent",
    });
    expect(await db().commission.findUniqueOrThrow({ where: { id: commission.commissionId! } })).toMatchObject({
      status: "rejected",
      statusReason: "Order was fraudulent",
    });
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 0, ledgerInPayout: 5000, availableItems: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
    const rejection = await db().ledgerTransaction.findFirstOrThrow({ where: { kind: "reject_commission", shopId: shop.id } });
    expect(rejection).toMatchObject({ subjectType: "commission", subjectId: commission.commissionId });
    expect(await getPayoutOrThrow(shop.id, payoutId)).toMatchObject({ amountMinor: 5000, status: "ready" });
  });

  it("cancels the payout when its last item is rejected (a fee becomes canceled)", async () => {
    const { shop, ava, payoutId, fee, commissionItem, feeItem } = await payoutIn("draft");
    await removePayoutItem(shop.id, commissionItem.payoutItemId, MIA, { disposition: "return_to_payable" });
    const last = await removePayoutItem(shop.id, feeItem.payoutItemId, MIA, { disposition: "reject", reason: "Deal ended" });

    expect(last).toEqual({ payoutId, payoutAmountMinor: 0, payoutCanceled: true });
    expect(await statusOf(payoutId)).toBe("canceled");
    expect(await db().fixedFee.findUniqueOrThrow({ where: { id: fee.fixedFeeId! } })).toMatchObject({ status: "canceled" });
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 10000, ledgerInPayout: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });

  it("cancels a payout left holding only a clawback, which returns to payable to be netted later", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -800 });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 3000 });
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
    const commissionItem = payout.items.find((item) => item.kind === "commission")!;

    expect(await removePayoutItem(shop.id, commissionItem.payoutItemId, MIA, { disposition: "return_to_payable" })).toMatchObject({
      payoutCanceled: true,
    });
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 2200, ledgerInPayout: 0 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
  });

  it("refuses to reject adjustments and clawbacks, to touch paid payouts, or to remove an item twice", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -500 });
    await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 2500, payableSince: new Date("2026-01-02") });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4000, payableSince: new Date("2026-01-03") });
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" });
    const [clawback, adjustment, commission] = payout.items;
    const before = await rowCounts(shop.id);

    await expect(removePayoutItem(shop.id, clawback.payoutItemId, MIA, { disposition: "reject" })).rejects.toThrow(
      "A clawback cannot be rejected: it recovers money for a refunded order. Return it to payable instead.",
    );
    await expect(removePayoutItem(shop.id, adjustment.payoutItemId, MIA, { disposition: "reject" })).rejects.toMatchObject({
      code: "item_not_removable",
    });
    await expect(removePayoutItem(shop.id, "pi_missing", MIA, { disposition: "reject" })).rejects.toMatchObject({
      code: "payout_not_found",
    });
    expect(await rowCounts(shop.id)).toEqual(before);

    await removePayoutItem(shop.id, commission.payoutItemId, MIA, { disposition: "return_to_payable" });
    await expect(removePayoutItem(shop.id, commission.payoutItemId, MIA, { disposition: "return_to_payable" })).rejects.toMatchObject({
      code: "payout_conflict",
    });

    const paid = await payoutIn("paid");
    await expect(removePayoutItem(paid.shop.id, paid.feeItem.payoutItemId, MIA, { disposition: "return_to_payable" })).rejects.toThrow(
      "Items can only be removed before a payout is being paid; this payout is paid.",
    );
  });
});

describe("reading payouts", () => {
  it("describes each item for people and derives the amount from the active items", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -500 });
    await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 2500, text: "bonus", payableSince: new Date("2026-01-02") });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4000, payableSince: new Date("2026-01-03") });
    const payout = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      actor: MIA,
      origin: "manual",
      amountMinor: 3000,
    });

    const detail = await getPayoutOrThrow(shop.id, payout.payoutId);

    expect(detail).toMatchObject({
      creatorName: "Ava Ames",
      amountMinor: 3000,
      status: "draft",
      invoiceLabel: null,
      balanceAfterMinor: 3000,
    });
    expect(detail.items.map((item) => item.label)).toEqual([
      expect.stringMatching(/^Clawback: refund on #\d+$/),
      "Adjustment: bonus",
      expect.stringMatching(/^Commission on order #\d+ \(part\)$/),
    ]);
    await expect(getPayoutOrThrow((await createShop()).id, payout.payoutId)).rejects.toMatchObject({ code: "payout_not_found" });
  });

  it("lists payouts newest first, page by page, by status, with amounts summed from their items (a canceled one shows what it released)", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });
    const base = { shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA } as const;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++)
      ids.push((await createPayout({ ...base, origin: i % 2 ? "run" : "manual", amountMinor: i * 100 })).payoutId);
    await cancelPayout(shop.id, ids[4], MIA);

    const first = await listPayouts(shop.id, { pageSize: 2 });
    const second = await listPayouts(shop.id, { pageSize: 2, after: first.nextCursor! });
    const third = await listPayouts(shop.id, { pageSize: 2, after: second.nextCursor! });

    expect([...first.payouts, ...second.payouts, ...third.payouts].map((p) => p.id)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    expect(first.payouts.map((p) => [p.amountMinor, p.status, p.creatorName])).toEqual([
      [500, "canceled", "Ava Ames"],
      [400, "draft", "Ava Ames"],
    ]);
    const ready = await listPayouts(shop.id, { status: "ready" });
    expect(ready.payouts.map((p) => [p.amountMinor, p.invoiceLabel])).toEqual([
      [300, "CP-00002"],
      [100, "CP-00001"],
    ]);
    expect((await listPayouts((await createShop()).id)).payouts).toEqual([]);
  });
});
