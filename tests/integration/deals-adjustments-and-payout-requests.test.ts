// Adjustments (signed, payable at once) and payout requests from the deal page or the creator
// portal: requested against the payable balance, approved into a payout in the same transaction,
// or rejected with a note — and one winner when two staff (or twenty) decide at once.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/audit/actor";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { createDeal } from "~/deals/create-deal.server";
import { approvePayoutRequest, rejectPayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { postAdjustment } from "~/adjustments/post-adjustment.server";
import { requestPayout } from "~/payout-requests/request-payout.server";
import { db } from "~/db.server";
import { readShopAccountTotals } from "~/ledger/read-balances.server";
import { auditActions, balancesOf, createCreator, expectRefusedWithoutWrites, MIA } from "../support/deal-fixtures";
import { useTestDatabase } from "../support/test-database";
import { createShop } from "../support/factories";

const LEO: Actor = { type: "staff", id: "staff_leo" };

const northwind = (changes: { creatorReviewEnabled?: boolean } = {}) => createShop({ name: "Northwind Outfitters", ...changes });

/** Carla, with a deal and `payable` dollars owed as an approved fixed fee. */
async function carlaOwed(payable: string, shopChanges: { creatorReviewEnabled?: boolean } = {}) {
  const shop = await northwind(shopChanges);
  const carla = await createCreator(shop.id, "Carla Mendes");
  const { dealId } = await createDeal(shop.id, { creatorId: carla.id, title: "Spring launch collaboration" }, MIA);
  if (payable !== "0") await addFixedFee(shop.id, { dealId, amount: payable, comment: "Instagram reel" }, MIA);
  return { shop, carla, dealId, asCarla: { type: "creator", id: carla.id } as Actor };
}

describe("adjustments and payout requests", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  describe("posting an adjustment", () => {
    it("pays a $25 bonus at once: expense → payable, a payable item, one audit event", async () => {
      const { shop, carla, dealId } = await carlaOwed("0");
      const bonus = await postAdjustment(
        shop.id,
        { creatorId: carla.id, amount: "25", reason: "Bonus: best conversion rate in March", dealId },
        MIA,
      );
      expect(bonus).toMatchObject({ amountMinor: 2500, currency: "USD" });
      expect(await db().adjustment.findUniqueOrThrow({ where: { id: bonus.adjustmentId } })).toMatchObject({
        amountMinor: 2500n,
        reason: "Bonus: best conversion rate in March",
        dealId,
        createdBy: "staff_mia",
      });
      expect(await db().payableItem.findUniqueOrThrow({ where: { id: bonus.payableItemId } })).toMatchObject({
        kind: "adjustment",
        amountMinor: 2500n,
        adjustmentId: bonus.adjustmentId,
      });
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: 2500 });
      expect(await auditActions(shop.id, bonus.adjustmentId)).toEqual(["adjustment.posted"]);
    });

    it("takes a −$12.50 correction back from payable, even below zero", async () => {
      const { shop, carla } = await carlaOwed("10");
      const correction = await postAdjustment(
        shop.id,
        { creatorId: carla.id, amount: "-12.50", reason: "Correction: double-counted order #1042" },
        MIA,
      );
      expect(correction.amountMinor).toBe(-1250);
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: -250 });
      expect(await db().payableItem.findUniqueOrThrow({ where: { id: correction.payableItemId } })).toMatchObject({ amountMinor: -1250n });
      const expense = (await readShopAccountTotals(shop.id)).find((t) => t.account === "expense")!;
      expect(expense.amountMinor).toBe(-1000 + 1250);
    });

    it.each([
      [{ amount: "0" }, { amount: "Enter an amount other than zero: positive for a bonus, negative for a correction." }],
      [{ amount: "" }, { amount: "Enter an amount." }],
      [{ amount: "12.5.0" }, { amount: "Use at most one decimal point." }],
      [{ reason: "  " }, { reason: "Give a reason the creator will understand, like “Bonus: best conversion rate in March”." }],
    ])("refuses %o with a sentence and writes nothing", async (change, fieldErrors) => {
      const { shop, carla } = await carlaOwed("0");
      await expectRefusedWithoutWrites(
        shop.id,
        () => postAdjustment(shop.id, { creatorId: carla.id, amount: "25", reason: "Bonus", ...change }, MIA),
        { code: "invalid_input", details: { fieldErrors } },
      );
    });

    it("refuses a creator of another shop and a deal of another creator", async () => {
      const { shop, carla } = await carlaOwed("0");
      const other = await carlaOwed("0");
      const ava = await createCreator(shop.id, "Ava Chen");
      const { dealId: avasDeal } = await createDeal(shop.id, { creatorId: ava.id, title: "Ava's reel" }, MIA);
      await expectRefusedWithoutWrites(
        shop.id,
        () => postAdjustment(shop.id, { creatorId: other.carla.id, amount: "25", reason: "Bonus" }, MIA),
        {
          code: "not_found",
          message: "That creator does not exist in this shop.",
        },
      );
      await expectRefusedWithoutWrites(
        shop.id,
        () => postAdjustment(shop.id, { creatorId: carla.id, amount: "25", reason: "Bonus", dealId: avasDeal }, MIA),
        {
          code: "invalid_input",
          details: { fieldErrors: { dealId: "That deal is not one of this creator's deals; choose another, or none." } },
        },
      );
    });
  });

  describe("requesting a payout", () => {
    it("records a merchant's request with its comment; nothing is reserved yet", async () => {
      const { shop, carla } = await carlaOwed("500");
      const request = await requestPayout(
        shop.id,
        { creatorId: carla.id, amount: "200", currency: "USD", comment: "March fee" },
        "merchant",
        MIA,
      );
      expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: request.requestId } })).toMatchObject({
        origin: "merchant",
        status: "requested",
        amountMinor: 20000n,
        comment: "March fee",
        requestedBy: "staff_mia",
      });
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: 50000, inPayout: 0 });
      expect(await auditActions(shop.id, request.requestId)).toEqual(["payout_request.requested"]);
    });

    it("records a creator's withdrawal with the method they ask for", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      const request = await requestPayout(
        shop.id,
        { creatorId: carla.id, amount: "500", currency: "usd", requestedMethod: "paypal" },
        "creator",
        asCarla,
      );
      expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: request.requestId } })).toMatchObject({
        origin: "creator",
        requestedMethod: "paypal",
        currency: "USD",
        requestedBy: carla.id,
      });
    });

    it("refuses more than is payable and not already requested, saying how much is left", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: carla.id, amount: "500.01", currency: "USD" }, "merchant", MIA),
        {
          code: "invalid_input",
          details: { fieldErrors: { amount: "Request at most $500.00: $500.00 is payable." } },
        },
      );
      await requestPayout(shop.id, { creatorId: carla.id, amount: "300", currency: "USD" }, "creator", asCarla);
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: carla.id, amount: "250", currency: "USD" }, "merchant", MIA),
        {
          code: "invalid_input",
          details: { fieldErrors: { amount: "Request at most $200.00: $500.00 is payable and $300.00 is already requested." } },
        },
      );
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: carla.id, amount: "5", currency: "EUR" }, "merchant", MIA),
        {
          code: "invalid_input",
          details: { fieldErrors: { amount: "Nothing is available to pay out in EUR: €0.00 is payable." } },
        },
      );
    });

    it.each([
      [{ amount: "" }, { amount: "Enter an amount." }],
      [{ amount: "-5" }, { amount: "Enter an amount greater than zero." }],
      [{ currency: "" }, { currency: "Choose a three-letter currency such as USD." }],
      [{ requestedMethod: "cash" }, { requestedMethod: "Choose Stripe, PayPal, bank transfer or other." }],
    ])("refuses %o with a sentence and writes nothing", async (change, fieldErrors) => {
      const { shop, carla } = await carlaOwed("500");
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: carla.id, amount: "100", currency: "USD", ...change } as never, "merchant", MIA),
        { code: "invalid_input", details: { fieldErrors } },
      );
    });

    it("refuses a creator of another shop, and a creator asking for someone else", async () => {
      const { shop, carla } = await carlaOwed("500");
      const other = await carlaOwed("500");
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: other.carla.id, amount: "10", currency: "USD" }, "merchant", MIA),
        {
          code: "not_found",
        },
      );
      await expectRefusedWithoutWrites(
        shop.id,
        () => requestPayout(shop.id, { creatorId: carla.id, amount: "10", currency: "USD" }, "creator", other.asCarla),
        {
          code: "forbidden",
        },
      );
    });
  });

  describe("deciding a payout request", () => {
    it("approving creates the payout in the same transaction and links it: payable → in payout", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      const { requestId } = await requestPayout(
        shop.id,
        { creatorId: carla.id, amount: "500", currency: "USD", comment: "Reel fee" },
        "creator",
        asCarla,
      );
      const approved = await approvePayoutRequest(shop.id, requestId, MIA);

      expect(approved).toMatchObject({ amountMinor: 50000, currency: "USD", payoutStatus: "ready", invoiceNumber: 1 });
      const request = await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } });
      expect(request).toMatchObject({ status: "approved", payoutId: approved.payoutId, decidedBy: "staff_mia" });
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: 0, inPayout: 50000 });
      expect(await auditActions(shop.id, requestId)).toEqual(["payout_request.requested", "payout_request.approved"]);
      expect(await auditActions(shop.id, approved.payoutId)).toEqual(["payout.created"]);
    });

    it("a creator review step makes the approved request's payout pending review", async () => {
      const { shop, carla } = await carlaOwed("120", { creatorReviewEnabled: true });
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "120", currency: "USD" }, "merchant", MIA);
      expect((await approvePayoutRequest(shop.id, requestId, MIA)).payoutStatus).toBe("pending_review");
    });

    it("pays part of a fee when less is requested, leaving the rest payable", async () => {
      const { shop, carla } = await carlaOwed("500");
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "120.50", currency: "USD" }, "merchant", MIA);
      await approvePayoutRequest(shop.id, requestId, MIA);
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: 37950, inPayout: 12050 });
    });

    it("re-checks the balance at approval and refuses, writing nothing, when it dropped below the request", async () => {
      const { shop, carla } = await carlaOwed("500");
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "500", currency: "USD" }, "merchant", MIA);
      await postAdjustment(shop.id, { creatorId: carla.id, amount: "-100", reason: "Correction: returned sample" }, MIA);
      await expectRefusedWithoutWrites(shop.id, () => approvePayoutRequest(shop.id, requestId, MIA), {
        code: "amount_above_payable",
        message:
          "Only $400.00 is payable now, less than the $500.00 requested. Reject the request with a note, or create a payout for a smaller amount.",
      });
      expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
        status: "requested",
        decidedBy: null,
      });
    });

    it("rejecting needs a note for the creator, moves no money, and ends the request", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "100", currency: "USD" }, "creator", asCarla);
      await expectRefusedWithoutWrites(shop.id, () => rejectPayoutRequest(shop.id, requestId, MIA, ""), {
        code: "invalid_input",
        details: { fieldErrors: { note: "Tell the creator why, like “Please wait for the March invoice”. They will see this note." } },
      });
      const transactionsBefore = await db().ledgerTransaction.count({ where: { shopId: shop.id } });
      await rejectPayoutRequest(shop.id, requestId, MIA, "Please wait for the March invoice.");
      expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
        status: "rejected",
        decisionNote: "Please wait for the March invoice.",
        decidedBy: "staff_mia",
      });
      expect(await db().ledgerTransaction.count({ where: { shopId: shop.id } })).toBe(transactionsBefore);
      expect(await auditActions(shop.id, requestId)).toEqual(["payout_request.requested", "payout_request.rejected"]);

      await expectRefusedWithoutWrites(shop.id, () => approvePayoutRequest(shop.id, requestId, LEO), {
        code: "payout_request_already_decided",
        message: expect.stringMatching(/^This payout request was already rejected by staff_mia at .+\. Reload to see the decision\.$/),
      });
    });

    it("refuses a request of another shop, and a creator deciding their own request", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      const other = await carlaOwed("500");
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "100", currency: "USD" }, "creator", asCarla);
      await expectRefusedWithoutWrites(other.shop.id, () => approvePayoutRequest(other.shop.id, requestId, MIA), {
        code: "not_found",
        message: "That payout request does not exist in this shop.",
      });
      await expectRefusedWithoutWrites(other.shop.id, () => rejectPayoutRequest(other.shop.id, requestId, MIA, "No"), {
        code: "not_found",
      });
      await expectRefusedWithoutWrites(shop.id, () => approvePayoutRequest(shop.id, requestId, asCarla), { code: "forbidden" });
    });

    it("fifty staff approving the same request at once create exactly one payout", async () => {
      const { shop, carla, asCarla } = await carlaOwed("500");
      const { requestId } = await requestPayout(shop.id, { creatorId: carla.id, amount: "500", currency: "USD" }, "creator", asCarla);

      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => approvePayoutRequest(shop.id, requestId, { type: "staff", id: `staff_${i}` })),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const { reason } of lost) {
        expect(reason).toMatchObject({ code: "payout_request_already_decided" });
        expect(reason.message).toMatch(/^This payout request was already approved by staff_\d+ at /);
      }
      expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(1);
      expect(await db().payoutItem.count({ where: { shopId: shop.id } })).toBe(1);
      expect(await balancesOf(shop.id, carla.id)).toMatchObject({ payable: 0, inPayout: 50000 });
      expect(await auditActions(shop.id, requestId)).toEqual(["payout_request.requested", "payout_request.approved"]);
    });
  });
});
