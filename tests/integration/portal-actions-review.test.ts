// The creator's payout review from the portal: accept with an invoice recognised by its bytes,
// dispute an item during review only, and only on their own payouts; the merchant answers.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { acceptPayoutAsCreator, disputePayoutItem, readPayoutInvoiceFile } from "~/portal/actions/review-payout.server";
import { MAX_UPLOAD_BYTES } from "~/domain/upload-limit";
import { answerPayoutItemDispute } from "~/payouts/answer-payout-item-dispute.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createShop, givePayable, MIA } from "../support/factories";
import { rowCounts } from "../support/money-invariants";
import { useTestDatabase } from "../support/test-database";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "latin1")] : part)));
const PDF = bytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\0\0\0\rIHDR");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF\0");

/** Ava's payout waiting for her review (100.00 commission + 50.00 fee), and Ben's. */
async function inReview(shopChanges: { invoiceRequired?: boolean } = {}) {
  const shop = await createShop({ creatorReviewEnabled: true });
  if (shopChanges.invoiceRequired) await db().shop.update({ where: { id: shop.id }, data: { invoiceRequired: true } });
  const ava = await createCreator(shop.id, "Ava Ames");
  const ben = await createCreator(shop.id, "Ben Brook");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 5000 });
  await givePayable(shop.id, ben.id, { kind: "adjustment", amountMinor: 7000 });
  const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "run" });
  const bens = await createPayout({ shopId: shop.id, creatorId: ben.id, currency: "USD", actor: MIA, origin: "run" });
  return { shop, ava, ben, payout, bensPayout: bens, itemId: payout.items[0].payoutItemId };
}

async function payoutState(payoutId: string) {
  return db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { items: { orderBy: { id: "asc" } } } });
}

async function refusedWithoutWrites(
  shopId: string,
  payoutIds: string[],
  change: () => Promise<unknown>,
  expected: Record<string, unknown>,
) {
  const before = {
    rows: await rowCounts(shopId),
    files: await db().storedFile.count({ where: { shopId } }),
    payouts: await Promise.all(payoutIds.map(payoutState)),
  };
  await expect(change()).rejects.toMatchObject(expected);
  expect({
    rows: await rowCounts(shopId),
    files: await db().storedFile.count({ where: { shopId } }),
    payouts: await Promise.all(payoutIds.map(payoutState)),
  }).toEqual(before);
}

describe("portal: payout review", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  describe("accepting", () => {
    it.each([
      ["PDF", "March invoice.pdf", PDF, "application/pdf", "March invoice.pdf"],
      ["PNG", "scan.png", PNG, "image/png", "scan.png"],
      ["JPEG named .pdf", "../../etc/photo.pdf", JPEG, "image/jpeg", "photo.jpg"],
    ])("stores a %s invoice by its bytes and moves the payout to ready", async (_kind, fileName, data, contentType, storedName) => {
      const { shop, ava, payout } = await inReview({ invoiceRequired: true });
      expect(await acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, { fileName, bytes: data })).toEqual({ status: "ready" });
      const after = await payoutState(payout.payoutId);
      expect(after).toMatchObject({ status: "ready", approvedBy: ava.id });
      const file = await db().storedFile.findUniqueOrThrow({ where: { id: after.creatorInvoiceFileId! } });
      expect(file).toMatchObject({
        shopId: shop.id,
        creatorId: ava.id,
        purpose: "creator_invoice",
        contentType,
        fileName: storedName,
        byteSize: data.length,
      });
      expect(await readPayoutInvoiceFile(shop.id, payout.payoutId, { creatorId: ava.id })).toEqual({
        fileName: storedName,
        contentType,
        bytes: data,
      });
      expect((await readPayoutInvoiceFile(shop.id, payout.payoutId, { staff: true })).bytes).toEqual(data);
      const actions = (await db().auditEvent.findMany({ where: { subjectId: payout.payoutId }, orderBy: { occurredAt: "asc" } })).map(
        (e) => [e.action, e.actorId],
      );
      expect(actions.slice(-2)).toEqual([
        ["payout.creator_invoice_uploaded", ava.id],
        ["payout.review_accepted", ava.id],
      ]);
    });

    it("refuses a text file named .pdf, a file of 5 MB + 1 byte and a missing invoice when one is required", async () => {
      const { shop, ava, payout } = await inReview({ invoiceRequired: true });
      const refusal = (message: string) => ({ code: "invalid_input", details: { fieldErrors: { invoice: message } } });
      await refusedWithoutWrites(
        shop.id,
        [payout.payoutId],
        () => acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, { fileName: "invoice.pdf", bytes: bytes("Invoice 42: 150.00 USD") }),
        refusal("Upload your invoice as a PDF, PNG, JPEG or WEBP file; this file is none of these."),
      );
      const tooLarge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
      tooLarge.set(PDF);
      await refusedWithoutWrites(
        shop.id,
        [payout.payoutId],
        () => acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, { fileName: "big.pdf", bytes: tooLarge }),
        refusal("Your invoice is larger than 5 MB. Upload a smaller PDF or image."),
      );
      const missing = refusal("Attach your invoice (a PDF, PNG, JPEG or WEBP file up to 5 MB): the shop needs one to pay you.");
      await refusedWithoutWrites(shop.id, [payout.payoutId], () => acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, null), missing);
      await refusedWithoutWrites(
        shop.id,
        [payout.payoutId],
        () => acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, { fileName: "empty.pdf", bytes: new Uint8Array() }),
        missing,
      );
      // Exactly 5 MB is fine.
      const limit = new Uint8Array(MAX_UPLOAD_BYTES);
      limit.set(PDF);
      await acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, { fileName: "limit.pdf", bytes: limit });
      expect((await payoutState(payout.payoutId)).status).toBe("ready");
    });

    it("accepts without an invoice when the shop does not require one", async () => {
      const { shop, ava, payout } = await inReview();
      await acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, null);
      expect(await payoutState(payout.payoutId)).toMatchObject({ status: "ready", creatorInvoiceFileId: null });
      await expect(readPayoutInvoiceFile(shop.id, payout.payoutId, { creatorId: ava.id })).rejects.toMatchObject({
        code: "invoice_not_found",
      });
    });

    it("treats another creator's payout as not found, and refuses a payout no longer in review", async () => {
      const { shop, ava, ben, payout, bensPayout } = await inReview();
      await refusedWithoutWrites(
        shop.id,
        [payout.payoutId, bensPayout.payoutId],
        () => acceptPayoutAsCreator(shop.id, ben.id, payout.payoutId, { fileName: "a.pdf", bytes: PDF }),
        {
          code: "payout_not_found",
        },
      );
      await acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, null);
      await refusedWithoutWrites(shop.id, [payout.payoutId], () => acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, null), {
        code: "payout_not_in_review",
        message: expect.stringContaining("it is scheduled now"),
      });
      await expect(readPayoutInvoiceFile(shop.id, payout.payoutId, { creatorId: ben.id })).rejects.toMatchObject({
        code: "payout_not_found",
      });
    });

    it("hides drafts from the creator", async () => {
      const shop = await createShop({ creatorReviewEnabled: true });
      const ava = await createCreator(shop.id);
      await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 5000 });
      const draft = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" });
      await expect(acceptPayoutAsCreator(shop.id, ava.id, draft.payoutId, null)).rejects.toMatchObject({ code: "payout_not_found" });
    });
  });

  describe("disputing and answering", () => {
    it("records the creator's note on their item during review, and the merchant's answer (emailed)", async () => {
      const { shop, ava, payout, itemId } = await inReview();
      await disputePayoutItem(shop.id, ava.id, payout.payoutId, itemId, "  This order was refunded.  ");
      expect(await db().payoutItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        disputeNote: "This order was refunded.",
        disputeAnswer: null,
      });
      const emailsBefore = await db().outboundEmail.count({ where: { shopId: shop.id, toAddress: ava.email } });
      await answerPayoutItemDispute(shop.id, payout.payoutId, itemId, "Only part of it was refunded; the rest stays.", MIA);
      expect(await db().payoutItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        disputeAnswer: "Only part of it was refunded; the rest stays.",
      });
      const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id, toAddress: ava.email }, orderBy: { createdAt: "asc" } });
      expect(emails).toHaveLength(emailsBefore + 1);
      expect(emails.at(-1)!.subject).toBe("Trail Co answered your question about a payout");
      const actions = (await db().auditEvent.findMany({ where: { subjectId: payout.payoutId }, orderBy: { occurredAt: "asc" } })).map(
        (e) => [e.action, e.actorType],
      );
      expect(actions.slice(-2)).toEqual([
        ["payout.item_disputed", "creator"],
        ["payout.dispute_answered", "staff"],
      ]);
      // The payout stays in review: a dispute does not move money or status.
      expect((await payoutState(payout.payoutId)).status).toBe("pending_review");
    });

    it("refuses an empty or too long note, another creator's payout or item, and outside review — writing nothing", async () => {
      const { shop, ava, ben, payout, bensPayout, itemId } = await inReview();
      const ids = [payout.payoutId, bensPayout.payoutId];
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ava.id, payout.payoutId, itemId, "  "), {
        details: { fieldErrors: { note: expect.any(String) } },
      });
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ava.id, payout.payoutId, itemId, "x".repeat(1001)), {
        details: { fieldErrors: { note: "Keep the note under 1,000 characters." } },
      });
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ben.id, payout.payoutId, itemId, "Not mine"), {
        code: "payout_not_found",
      });
      const bensItem = bensPayout.items[0].payoutItemId;
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ava.id, payout.payoutId, bensItem, "Whose?"), {
        code: "payout_not_found",
      });
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ava.id, bensPayout.payoutId, bensItem, "Whose?"), {
        code: "payout_not_found",
      });
      await refusedWithoutWrites(shop.id, ids, () => answerPayoutItemDispute(shop.id, payout.payoutId, itemId, "Nothing to answer", MIA), {
        code: "item_not_disputed",
      });
      await acceptPayoutAsCreator(shop.id, ava.id, payout.payoutId, null);
      await refusedWithoutWrites(shop.id, ids, () => disputePayoutItem(shop.id, ava.id, payout.payoutId, itemId, "Too late"), {
        code: "payout_not_in_review",
      });
    });
  });
});
