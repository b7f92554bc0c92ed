// Deals on the merchant's deal page: fixed fees (gated or not), deliverables submitted and decided,
// fee cancelation, comments — each change one database transaction with its ledger transaction
// and exactly one audit event, and nothing written when the input is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { addDealComment } from "~/deals/add-deal-comment.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { cancelFixedFee } from "~/fees/cancel-fixed-fee.server";
import { createDeal } from "~/deals/create-deal.server";
import { createDeliverable } from "~/deliverables/create-deliverable.server";
import { approveDeliverable, rejectDeliverable } from "~/deliverables/decide-deliverable.server";
import { submitDeliverable } from "~/deliverables/submit-deliverable.server";
import { db } from "~/db.server";
import { readShopAccountTotals } from "~/ledger/read-balances.server";
import { auditActions, balancesOf, createCreator, expectRefusedWithoutWrites, MIA } from "../support/deal-fixtures";
import { useTestDatabase } from "../support/test-database";
import { createShop } from "../support/factories";

const northwind = (currency = "USD") => createShop({ name: "Northwind Outfitters", currency });

/** A shop with Ben, a deal "Spring launch collaboration" in the "Spring launch" campaign. */
async function benWithDeal() {
  const shop = await northwind();
  const ben = await createCreator(shop.id, "Ben Okafor");
  const campaign = await db().campaign.create({ data: { shopId: shop.id, name: "Spring launch" } });
  const { dealId } = await createDeal(shop.id, { creatorId: ben.id, title: "Spring launch collaboration", campaignId: campaign.id }, MIA);
  return { shop, ben, campaign, dealId };
}

async function expenseOf(shopId: string, currency = "USD") {
  return (await readShopAccountTotals(shopId)).find((t) => t.account === "expense" && t.currency === currency)?.amountMinor ?? 0;
}

describe("deals, fixed fees and deliverables", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  describe("creating a deal and commenting on it", () => {
    it("creates a deal for a creator with one audit event", async () => {
      const { shop, ben, campaign, dealId } = await benWithDeal();
      const deal = await db().deal.findUniqueOrThrow({ where: { id: dealId } });
      expect(deal).toMatchObject({ shopId: shop.id, creatorId: ben.id, campaignId: campaign.id, title: "Spring launch collaboration" });
      expect(await auditActions(shop.id, dealId)).toEqual(["deal.created"]);
    });

    it("says what to fix when the title is blank or the campaign belongs to another shop", async () => {
      const { shop, ben } = await benWithDeal();
      const other = await northwind();
      const foreignCampaign = await db().campaign.create({ data: { shopId: other.id, name: "Other shop's campaign" } });
      await expectRefusedWithoutWrites(shop.id, () => createDeal(shop.id, { creatorId: ben.id, title: "   " }, MIA), {
        code: "invalid_input",
        details: { fieldErrors: { title: expect.stringContaining("Give the deal a title") } },
      });
      await expectRefusedWithoutWrites(
        shop.id,
        () => createDeal(shop.id, { creatorId: ben.id, title: "Autumn", campaignId: foreignCampaign.id }, MIA),
        { code: "invalid_input", details: { fieldErrors: { campaignId: "That campaign does not exist in this shop; choose another." } } },
      );
    });

    it("refuses a creator of another shop", async () => {
      const { shop } = await benWithDeal();
      const other = await northwind();
      const stranger = await createCreator(other.id, "Grace Kim");
      await expectRefusedWithoutWrites(shop.id, () => createDeal(shop.id, { creatorId: stranger.id, title: "Poaching" }, MIA), {
        code: "not_found",
        message: "That creator does not exist in this shop.",
      });
    });

    it("keeps comments with their author, and refuses an empty one", async () => {
      const { shop, dealId } = await benWithDeal();
      const { commentId } = await addDealComment(shop.id, dealId, { body: "Ben will post on Friday." }, MIA);
      expect(await db().dealComment.findUniqueOrThrow({ where: { id: commentId } })).toMatchObject({
        author: "staff_mia",
        body: "Ben will post on Friday.",
      });
      expect(await auditActions(shop.id, dealId)).toEqual(["deal.created", "deal.commented"]);
      await expectRefusedWithoutWrites(shop.id, () => addDealComment(shop.id, dealId, { body: "" }, MIA), {
        code: "invalid_input",
        details: { fieldErrors: { body: "Write a comment before posting it." } },
      });
    });
  });

  describe("adding a fixed fee", () => {
    it("makes an ungated $500 fee payable at once: expense → payable, a payable item, one audit event", async () => {
      const { shop, ben, campaign, dealId } = await benWithDeal();
      const added = await addFixedFee(shop.id, { dealId, amount: "500", comment: "TikTok video, 1 post" }, MIA);
      expect(added).toMatchObject({ status: "approved", amountMinor: 50000, currency: "USD" });

      const fee = await db().fixedFee.findUniqueOrThrow({ where: { id: added.feeId } });
      expect(fee).toMatchObject({
        creatorId: ben.id,
        campaignId: campaign.id,
        status: "approved",
        amountMinor: 50000n,
        createdBy: "staff_mia",
      });
      expect(await balancesOf(shop.id, ben.id)).toEqual({ held: 0, gated: 0, payable: 50000, inPayout: 0 });
      expect(await expenseOf(shop.id)).toBe(-50000);
      const item = await db().payableItem.findUniqueOrThrow({ where: { id: added.payableItemId! } });
      expect(item).toMatchObject({ kind: "fixed_fee", amountMinor: 50000n, fixedFeeId: fee.id, creatorId: ben.id });
      expect(await auditActions(shop.id, fee.id)).toEqual(["fixed_fee.added"]);
      const ledger = await db().ledgerTransaction.findMany({ where: { shopId: shop.id, subjectId: fee.id }, include: { entries: true } });
      expect(ledger).toHaveLength(1);
      expect(ledger[0].kind).toBe("add_fee");
    });

    it("keeps a fee gated by an open deliverable awaiting it: expense → gated, no payable item yet", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "TikTok: spring trail run", dueOn: "2026-05-31" }, MIA);
      const added = await addFixedFee(shop.id, { dealId, amount: "300.00", comment: "TikTok video", deliverableId }, MIA);
      expect(added).toMatchObject({ status: "awaiting_deliverable", payableItemId: null });
      expect(await balancesOf(shop.id, ben.id)).toEqual({ held: 0, gated: 30000, payable: 0, inPayout: 0 });
      expect(await db().payableItem.count({ where: { shopId: shop.id } })).toBe(0);
    });

    it("takes another currency when given one, and the shop's currency otherwise", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      await addFixedFee(shop.id, { dealId, amount: "800", currency: "eur", comment: "Three cycling vlogs" }, MIA);
      await addFixedFee(shop.id, { dealId, amount: "1,000", currency: "JPY", comment: "Japan launch" }, MIA);
      expect(await balancesOf(shop.id, ben.id, "EUR")).toMatchObject({ payable: 80000 });
      expect(await balancesOf(shop.id, ben.id, "JPY")).toMatchObject({ payable: 1000 });
    });

    it.each([
      [{ amount: "" }, { amount: "Enter an amount." }],
      [{ amount: "0" }, { amount: "Enter an amount greater than zero." }],
      [{ amount: "-50" }, { amount: "Enter an amount greater than zero." }],
      [{ amount: "12.345" }, { amount: "USD amounts have at most 2 decimals." }],
      [{ amount: "five hundred" }, { amount: "Use only digits, a decimal point and an optional minus sign, like 1,234.56." }],
      [{ amount: "500", currency: "XYZ" }, { currency: `"XYZ" is not a currency we know. Use a code such as USD.` }],
      [{ amount: "500", comment: "" }, { comment: "Say what the fee pays for, like “TikTok video, 1 post”." }],
    ])("refuses %o with a sentence for the field and writes nothing", async (change, fieldErrors) => {
      const { shop, dealId } = await benWithDeal();
      await expectRefusedWithoutWrites(
        shop.id,
        () => addFixedFee(shop.id, { dealId, comment: "Instagram reel", ...change } as never, MIA),
        { code: "invalid_input", details: { fieldErrors } },
      );
    });

    it("refuses a deal, campaign or deliverable of another shop, and a deliverable of another deal", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const other = await benWithDeal();
      const { deliverableId: foreignDeliverable } = await createDeliverable(other.shop.id, other.dealId, { title: "Their reel" }, MIA);
      const { dealId: secondDeal } = await createDeal(shop.id, { creatorId: ben.id, title: "Autumn drop" }, MIA);
      const { deliverableId: otherDealsDeliverable } = await createDeliverable(shop.id, secondDeal, { title: "Autumn reel" }, MIA);

      const fee = { amount: "500", comment: "Instagram reel" };
      await expectRefusedWithoutWrites(shop.id, () => addFixedFee(shop.id, { ...fee, dealId: other.dealId }, MIA), {
        code: "not_found",
        message: "That deal does not exist in this shop.",
      });
      await expectRefusedWithoutWrites(shop.id, () => addFixedFee(shop.id, { ...fee, dealId, campaignId: other.campaign.id }, MIA), {
        code: "invalid_input",
        details: { fieldErrors: { campaignId: "That campaign does not exist in this shop; choose another." } },
      });
      for (const deliverableId of [foreignDeliverable, otherDealsDeliverable]) {
        await expectRefusedWithoutWrites(shop.id, () => addFixedFee(shop.id, { ...fee, dealId, deliverableId }, MIA), {
          code: "invalid_input",
          details: { fieldErrors: { deliverableId: "That deliverable is not part of this deal; choose one of the deal's deliverables." } },
        });
      }
      // The other shop's books were not touched either.
      expect(await db().fixedFee.count({ where: { shopId: other.shop.id } })).toBe(0);
    });
  });

  describe("a deliverable from submission to decision", () => {
    it("approving it makes every fee it gates payable: gated → payable, one ledger transaction and payable item per fee", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "Instagram reel: jacket unboxing" }, MIA);
      const reel = await addFixedFee(shop.id, { dealId, amount: "500", comment: "Instagram reel", deliverableId }, MIA);
      const story = await addFixedFee(shop.id, { dealId, amount: "150.50", comment: "Three stories", deliverableId }, MIA);
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ gated: 65050, payable: 0 });

      await submitDeliverable(
        shop.id,
        deliverableId,
        { contentUrl: "https://www.instagram.com/reel/abc" },
        { type: "creator", id: ben.id },
      );
      const approved = await approveDeliverable(shop.id, deliverableId, { note: "Great energy!" }, MIA);

      expect(approved.approvedFees.map((f) => [f.feeId, f.amountMinor]).sort()).toEqual(
        [
          [reel.feeId, 50000],
          [story.feeId, 15050],
        ].sort(),
      );
      expect(await balancesOf(shop.id, ben.id)).toEqual({ held: 0, gated: 0, payable: 65050, inPayout: 0 });
      expect(await expenseOf(shop.id)).toBe(-65050);
      for (const fee of [reel, story]) {
        expect(await db().fixedFee.findUniqueOrThrow({ where: { id: fee.feeId } })).toMatchObject({ status: "approved" });
        expect(await auditActions(shop.id, fee.feeId)).toEqual(["fixed_fee.added", "fixed_fee.approved"]);
        expect(await db().payableItem.count({ where: { shopId: shop.id, fixedFeeId: fee.feeId } })).toBe(1);
      }
      expect(await auditActions(shop.id, deliverableId)).toEqual(["deliverable.created", "deliverable.submitted", "deliverable.approved"]);
      const deliverable = await db().deliverable.findUniqueOrThrow({
        where: { id: deliverableId },
        include: { decisions: true, submissions: true },
      });
      expect(deliverable.status).toBe("approved");
      expect(deliverable.decisions).toMatchObject([{ decision: "approved", note: "Great energy!", decidedBy: "staff_mia" }]);
      expect(deliverable.submissions).toMatchObject([{ contentUrl: "https://www.instagram.com/reel/abc" }]);
    });

    it("a fee added after its deliverable was approved is payable at once", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "Reel" }, MIA);
      await submitDeliverable(shop.id, deliverableId, { contentUrl: "https://example.com/reel" }, MIA);
      await approveDeliverable(shop.id, deliverableId, {}, MIA);
      const late = await addFixedFee(shop.id, { dealId, amount: "75", comment: "Usage rights", deliverableId }, MIA);
      expect(late.status).toBe("approved");
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ gated: 0, payable: 7500 });
    });

    it("a rejected deliverable keeps its fees gated, and can be resubmitted and approved", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "TikTok video" }, MIA);
      await addFixedFee(shop.id, { dealId, amount: "300", comment: "TikTok video", deliverableId }, MIA);
      await submitDeliverable(
        shop.id,
        deliverableId,
        { contentUrl: "https://www.tiktok.com/@benruns/video/1" },
        { type: "creator", id: ben.id },
      );
      await rejectDeliverable(shop.id, deliverableId, { note: "Please show the jacket's logo." }, MIA);
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ gated: 30000, payable: 0 });

      await submitDeliverable(
        shop.id,
        deliverableId,
        { contentUrl: "https://www.tiktok.com/@benruns/video/2", note: "Logo at 0:04" },
        { type: "creator", id: ben.id },
      );
      await approveDeliverable(shop.id, deliverableId, {}, MIA);
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ gated: 0, payable: 30000 });
      const deliverable = await db().deliverable.findUniqueOrThrow({
        where: { id: deliverableId },
        include: { submissions: true, decisions: true },
      });
      expect(deliverable.submissions).toHaveLength(2);
      expect(deliverable.decisions.map((d) => d.decision).sort()).toEqual(["approved", "rejected"]);
    });

    it("refuses bad links, notes and moves with sentences, and writes nothing", async () => {
      const { shop, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "Reel" }, MIA);
      const linkHint = "Enter the link to the content, starting with https://, like https://www.tiktok.com/@you/video/1.";
      for (const contentUrl of ["", "tiktok.com/video", "javascript:alert(1)", "ftp://files.example.com/reel.mp4"]) {
        await expectRefusedWithoutWrites(shop.id, () => submitDeliverable(shop.id, deliverableId, { contentUrl }, MIA), {
          code: "invalid_input",
          details: { fieldErrors: { contentUrl: linkHint } },
        });
      }
      await expectRefusedWithoutWrites(shop.id, () => approveDeliverable(shop.id, deliverableId, {}, MIA), {
        code: "illegal_transition",
        message: "A deliverable that is open cannot become approved.",
      });
      await submitDeliverable(shop.id, deliverableId, { contentUrl: "https://example.com/reel" }, MIA);
      await expectRefusedWithoutWrites(shop.id, () => rejectDeliverable(shop.id, deliverableId, { note: " " }, MIA), {
        code: "invalid_input",
        details: { fieldErrors: { note: "Tell the creator what to change before they resubmit." } },
      });
      await expectRefusedWithoutWrites(
        shop.id,
        () => submitDeliverable(shop.id, deliverableId, { contentUrl: "https://example.com/again" }, MIA),
        {
          code: "illegal_transition",
          message: "A deliverable that is submitted cannot become submitted.",
        },
      );
      await expectRefusedWithoutWrites(shop.id, () => createDeliverable(shop.id, dealId, { title: "Story", dueOn: "2026-02-30" }, MIA), {
        code: "invalid_input",
        details: { fieldErrors: { dueOn: "Enter the due date as a real date, like 2026-05-31." } },
      });
    });

    it("lets only the deal's own creator submit, and hides other shops' deliverables", async () => {
      const { shop, dealId } = await benWithDeal();
      const ava = await createCreator(shop.id, "Ava Chen");
      const other = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "Reel" }, MIA);
      const link = { contentUrl: "https://example.com/reel" };
      await expectRefusedWithoutWrites(shop.id, () => submitDeliverable(shop.id, deliverableId, link, { type: "creator", id: ava.id }), {
        code: "not_found",
      });
      await expectRefusedWithoutWrites(shop.id, () => submitDeliverable(shop.id, deliverableId, link, { type: "shopify" }), {
        code: "forbidden",
      });
      await expectRefusedWithoutWrites(other.shop.id, () => submitDeliverable(other.shop.id, deliverableId, link, MIA), {
        code: "not_found",
        message: "That deliverable does not exist in this shop.",
      });
      await expectRefusedWithoutWrites(other.shop.id, () => approveDeliverable(other.shop.id, deliverableId, {}, MIA), {
        code: "not_found",
      });
    });
  });

  describe("canceling a fixed fee", () => {
    it("returns a gated fee's money from gated to expense", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "Reel" }, MIA);
      const fee = await addFixedFee(shop.id, { dealId, amount: "300", comment: "Reel", deliverableId }, MIA);
      await cancelFixedFee(shop.id, fee.feeId, MIA);
      expect(await db().fixedFee.findUniqueOrThrow({ where: { id: fee.feeId } })).toMatchObject({ status: "canceled" });
      expect(await balancesOf(shop.id, ben.id)).toEqual({ held: 0, gated: 0, payable: 0, inPayout: 0 });
      expect(await expenseOf(shop.id)).toBe(0);
      expect(await auditActions(shop.id, fee.feeId)).toEqual(["fixed_fee.added", "fixed_fee.canceled"]);

      // Approving the deliverable later approves nothing: the fee is gone.
      await submitDeliverable(shop.id, deliverableId, { contentUrl: "https://example.com/reel" }, MIA);
      expect((await approveDeliverable(shop.id, deliverableId, {}, MIA)).approvedFees).toEqual([]);
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ gated: 0, payable: 0 });
    });

    it("returns a payable fee's money from payable to expense and retires its payable item", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const fee = await addFixedFee(shop.id, { dealId, amount: "500", comment: "Reel" }, MIA);
      await cancelFixedFee(shop.id, fee.feeId, MIA);
      expect(await balancesOf(shop.id, ben.id)).toMatchObject({ payable: 0 });
      expect(await expenseOf(shop.id)).toBe(0);
      const item = await db().payableItem.findUniqueOrThrow({ where: { id: fee.payableItemId! } });
      expect(item.rejectedAt).not.toBeNull();
      expect(item.rejectReason).toBe("Fixed fee canceled");
      const cancel = await db().ledgerTransaction.findFirstOrThrow({
        where: { subjectId: fee.feeId, kind: "cancel_fee" },
        include: { entries: true },
      });
      expect(cancel.entries.map((e) => [e.account, Number(e.amountMinor)]).sort()).toEqual([
        ["expense", 50000],
        ["payable", -50000],
      ]);
    });

    it("refuses a fee that is in an active payout, saying which, and a fee already canceled", async () => {
      const { shop, ben, dealId } = await benWithDeal();
      const fee = await addFixedFee(shop.id, { dealId, amount: "500", comment: "Reel" }, MIA);
      const payout = await db().payout.create({
        data: {
          shopId: shop.id,
          creatorId: ben.id,
          currency: "USD",
          status: "ready",
          invoiceNumber: 7,
          invoiceLabel: "CP-00007",
          createdBy: "staff_mia",
        },
      });
      await db().payoutItem.create({
        data: { shopId: shop.id, payoutId: payout.id, payableItemId: fee.payableItemId!, amountMinor: 50000n, currency: "USD" },
      });
      await expectRefusedWithoutWrites(shop.id, () => cancelFixedFee(shop.id, fee.feeId, MIA), {
        code: "fee_in_payout",
        message: "This fee is in payout CP-00007 (ready). Remove it from that payout or cancel the payout first, then cancel the fee.",
      });

      const other = await addFixedFee(shop.id, { dealId, amount: "20", comment: "Story" }, MIA);
      await cancelFixedFee(shop.id, other.feeId, MIA);
      await expectRefusedWithoutWrites(shop.id, () => cancelFixedFee(shop.id, other.feeId, MIA), {
        code: "illegal_transition",
        message: "A fixed fee that is canceled cannot become canceled.",
      });
    });

    it("refuses a fee of another shop", async () => {
      const { shop, dealId } = await benWithDeal();
      const other = await benWithDeal();
      const fee = await addFixedFee(shop.id, { dealId, amount: "500", comment: "Reel" }, MIA);
      await expectRefusedWithoutWrites(other.shop.id, () => cancelFixedFee(other.shop.id, fee.feeId, MIA), {
        code: "not_found",
        message: "That fixed fee does not exist in this shop.",
      });
      expect(await db().fixedFee.findUniqueOrThrow({ where: { id: fee.feeId } })).toMatchObject({ status: "approved" });
    });
  });
});
