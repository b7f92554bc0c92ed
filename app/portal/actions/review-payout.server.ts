// The creator's review of a payout (DOMAIN.md §3): accept it (with an invoice when the shop asks
// for one) or dispute an item with a note; the merchant answers a dispute
// (app/payouts/answer-payout-item-dispute.server.ts) or removes the item
// (app/payouts/remove-payout-item.server.ts). A creator reaches only their own payouts: another
// creator's payout or item is "not found", exactly like one that does not exist.
import { createHash } from "node:crypto";
import type { Payout } from "@prisma/client";
import type { Actor } from "../../audit/actor";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import type { DbTransaction } from "../../db.server";
import { DomainError } from "../../domain/errors";
import { CREATOR_VISIBLE_PAYOUT_STATUS, type PayoutStatus } from "../../domain/status/payout-status";
import { now } from "../../lib/clock.server";
import { acceptPayoutReview } from "../../payouts/accept-payout-review.server";
import { updatePayoutIfStatus } from "../../payouts/change-payout-status.server";
import { payoutItemNotFound, payoutNotFound } from "../../payouts/payout-errors";
import { PAYOUT_SUBJECT } from "../../payouts/record-payout-change.server";
import { runPayoutTransaction } from "../../payouts/run-payout-transaction.server";
import type { UploadedFile } from "../portal-customer";
import { checkUpload, safeFileName, type UploadProblem } from "./uploaded-file-type";

export const CREATOR_INVOICE_PURPOSE = "creator_invoice";
const NOTE_MAX = 1000;

const INVOICE_PROBLEM: Record<UploadProblem, string> = {
  missing: "Attach your invoice (a PDF, PNG, JPEG or WEBP file up to 5 MB): the shop needs one to pay you.",
  too_large: "Your invoice is larger than 5 MB. Upload a smaller PDF or image.",
  unsupported_type: "Upload your invoice as a PDF, PNG, JPEG or WEBP file; this file is none of these.",
};

function invalidField(field: string, message: string): DomainError {
  return new DomainError("invalid_input", message, { fieldErrors: { [field]: message } });
}

const creatorStatusWord = (status: PayoutStatus) => (status === "draft" ? "not sent yet" : CREATOR_VISIBLE_PAYOUT_STATUS[status]);

function notInReview(status: PayoutStatus): DomainError {
  return new DomainError(
    "payout_not_in_review",
    `This payout can only be reviewed while it waits for your review; it is ${creatorStatusWord(status)} now. Reload the page.`,
    { status },
  );
}

/** The creator's own payout, visible to them (not a draft), or payout_not_found. */
async function findOwnPayout(tx: DbTransaction, shopId: string, creatorId: string, payoutId: string): Promise<Payout> {
  const payout = await tx.payout.findFirst({ where: { id: payoutId, shopId, creatorId, status: { not: "draft" } } });
  if (!payout) throw payoutNotFound(payoutId);
  return payout;
}

/**
 * pending_review → ready, by the creator. The invoice is recognised by its bytes (PDF, PNG, JPEG,
 * WEBP; ≤ 5 MB), stored as a StoredFile and attached to the payout in the same transaction.
 */
export async function acceptPayoutAsCreator(
  shopId: string,
  creatorId: string,
  payoutId: string,
  invoice: UploadedFile | null,
): Promise<{ status: "ready" }> {
  const upload = checkUpload(invoice?.bytes);
  if (!upload.ok && upload.problem !== "missing") throw invalidField("invoice", INVOICE_PROBLEM[upload.problem]);
  const actor: Actor = { type: "creator", id: creatorId };
  return runPayoutTransaction(async (tx) => {
    const payout = await findOwnPayout(tx, shopId, creatorId, payoutId);
    if (payout.status !== "pending_review") throw notInReview(payout.status);
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { invoiceRequired: true } });
    if (!upload.ok) {
      if (shop.invoiceRequired) throw invalidField("invoice", INVOICE_PROBLEM.missing);
    } else {
      const bytes = invoice!.bytes;
      const file = await tx.storedFile.create({
        data: {
          shopId,
          creatorId,
          purpose: CREATOR_INVOICE_PURPOSE,
          fileName: safeFileName(invoice!.fileName, upload.type),
          contentType: upload.type.contentType,
          byteSize: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          data: Buffer.from(bytes),
        },
        select: { id: true, fileName: true, byteSize: true, sha256: true },
      });
      await updatePayoutIfStatus(tx, { shopId, payoutId, expected: "pending_review" }, { creatorInvoiceFileId: file.id });
      await recordAuditEvent(tx, {
        shopId,
        actor,
        action: "payout.creator_invoice_uploaded",
        subject: { type: PAYOUT_SUBJECT, id: payoutId },
        before: { creatorInvoiceFileId: payout.creatorInvoiceFileId },
        after: { creatorInvoiceFileId: file.id, fileName: file.fileName, byteSize: file.byteSize, sha256: file.sha256 },
      });
    }
    return acceptPayoutReview(shopId, payoutId, actor, tx);
  });
}

/** The creator questions one item of a payout under review; the merchant sees the note on the payout. */
export async function disputePayoutItem(
  shopId: string,
  creatorId: string,
  payoutId: string,
  payoutItemId: string,
  note: string,
): Promise<void> {
  const text = (note ?? "").trim();
  if (!text) throw invalidField("note", "Say what is wrong with this item, like “This order was refunded”.");
  if (text.length > NOTE_MAX) throw invalidField("note", "Keep the note under 1,000 characters.");
  await runPayoutTransaction(async (tx) => {
    const payout = await findOwnPayout(tx, shopId, creatorId, payoutId);
    const item = await tx.payoutItem.findFirst({ where: { id: payoutItemId, payoutId, shopId, state: "active" } });
    if (!item) throw payoutItemNotFound(payoutItemId);
    if (payout.status !== "pending_review") throw notInReview(payout.status);
    // Locks the payout row so the item cannot be paid, removed or accepted meanwhile.
    await updatePayoutIfStatus(tx, { shopId, payoutId, expected: "pending_review" }, { updatedAt: now() });
    await tx.payoutItem.updateMany({ where: { id: item.id, shopId }, data: { disputeNote: text, disputeAnswer: null } });
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creatorId },
      action: "payout.item_disputed",
      subject: { type: PAYOUT_SUBJECT, id: payoutId },
      before: { payoutItemId, disputeNote: item.disputeNote, disputeAnswer: item.disputeAnswer },
      after: { payoutItemId, disputeNote: text, disputeAnswer: null },
    });
  });
}

/** The invoice a creator uploaded for a payout: to that creator, or to the shop's staff. */
export async function readPayoutInvoiceFile(
  shopId: string,
  payoutId: string,
  viewer: { creatorId: string } | { staff: true },
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  return runPayoutTransaction(async (tx) => {
    const payout =
      "creatorId" in viewer
        ? await findOwnPayout(tx, shopId, viewer.creatorId, payoutId)
        : await tx.payout.findFirst({ where: { id: payoutId, shopId } });
    if (!payout) throw payoutNotFound(payoutId);
    const file = payout.creatorInvoiceFileId
      ? await tx.storedFile.findFirst({ where: { id: payout.creatorInvoiceFileId, shopId, creatorId: payout.creatorId } })
      : null;
    if (!file) throw new DomainError("invoice_not_found", "No invoice was uploaded for this payout.", { payoutId });
    return { fileName: file.fileName, contentType: file.contentType, bytes: new Uint8Array(file.data) };
  });
}
