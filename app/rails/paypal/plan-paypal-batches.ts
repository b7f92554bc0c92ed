// A payout run's PayPal payouts as PayPal batches. Pure.
// One batch per run, split when it passes PayPal's item limit per call (15,000). The ids make a
// replay harmless: sender_batch_id = run id + batch number (PayPal refuses a reused one for 30
// days, so resending the same batch cannot pay twice) and sender_item_id = payout id (so each
// item's outcome maps back to its payout). Payouts are ordered by id, so the same run always
// gives the same batches. A retry of failed payouts is a new attempt, with its own batch ids.
import { DomainError } from "~/domain/errors";
import { toPayPalMoney } from "./paypal-amount";
import { PAYPAL_MAX_ITEMS_PER_BATCH, PAYPAL_SENDER_BATCH_ID_MAX, PAYPAL_SENDER_ITEM_ID_MAX, type CreatePayoutRequest } from "./paypal-wire";

export interface PayPalPayoutToSend {
  payoutId: string;
  amountMinor: number | bigint;
  currency: string;
  /** The creator's PayPal email. */
  receiverEmail: string | null;
  /** Shown to the creator in PayPal's email (e.g. the invoice number). */
  note?: string;
}

export interface PlannedPayPalBatch {
  senderBatchId: string;
  batchNumber: number;
  payoutIds: string[];
  request: CreatePayoutRequest;
}

export interface PlanOptions {
  runId: string;
  /** 1 for the run's first send; a retry of its failed payouts is attempt 2, 3, … */
  attempt?: number;
  emailSubject?: string;
  maxItemsPerBatch?: number;
}

// What PayPal accepts as an EMAIL receiver: one address, at most 127 characters.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function senderBatchId(runId: string, batchNumber: number, attempt = 1): string {
  return attempt === 1 ? `run_${runId}_b${batchNumber}` : `run_${runId}_b${batchNumber}_a${attempt}`;
}

export function planPayPalBatches(payouts: readonly PayPalPayoutToSend[], options: PlanOptions): PlannedPayPalBatch[] {
  const limit = options.maxItemsPerBatch ?? PAYPAL_MAX_ITEMS_PER_BATCH;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAYPAL_MAX_ITEMS_PER_BATCH) {
    throw new RangeError(`maxItemsPerBatch must be 1–${PAYPAL_MAX_ITEMS_PER_BATCH}`);
  }
  const seen = new Set<string>();
  const items = [...payouts]
    .sort((a, b) => (a.payoutId < b.payoutId ? -1 : a.payoutId > b.payoutId ? 1 : 0))
    .map((payout) => {
      if (seen.has(payout.payoutId))
        throw new DomainError("paypal_duplicate_payout", "A payout can be in a PayPal batch only once.", { payoutId: payout.payoutId });
      seen.add(payout.payoutId);
      if (payout.payoutId.length > PAYPAL_SENDER_ITEM_ID_MAX)
        throw new RangeError(`payout id longer than ${PAYPAL_SENDER_ITEM_ID_MAX} characters`);
      const email = payout.receiverEmail?.trim() ?? "";
      if (!EMAIL.test(email) || email.length > 127) {
        throw new DomainError(
          "paypal_email_missing",
          email
            ? `"${email}" is not a PayPal email address. Ask the creator to correct their PayPal email in the portal.`
            : "The creator has no PayPal email. Ask them to add it in the portal, or pay this payout another way.",
          { payoutId: payout.payoutId },
        );
      }
      return {
        payoutId: payout.payoutId,
        item: {
          recipient_type: "EMAIL" as const,
          receiver: email,
          amount: toPayPalMoney(payout.amountMinor, payout.currency),
          sender_item_id: payout.payoutId,
          ...(payout.note ? { note: payout.note.slice(0, 4000) } : {}),
        },
      };
    });

  const batches: PlannedPayPalBatch[] = [];
  for (let start = 0; start < items.length; start += limit) {
    const chunk = items.slice(start, start + limit);
    const batchNumber = batches.length + 1;
    const id = senderBatchId(options.runId, batchNumber, options.attempt);
    if (id.length > PAYPAL_SENDER_BATCH_ID_MAX)
      throw new RangeError(`sender_batch_id longer than ${PAYPAL_SENDER_BATCH_ID_MAX} characters`);
    batches.push({
      senderBatchId: id,
      batchNumber,
      payoutIds: chunk.map((c) => c.payoutId),
      request: {
        sender_batch_header: {
          sender_batch_id: id,
          recipient_type: "EMAIL",
          ...(options.emailSubject ? { email_subject: options.emailSubject.slice(0, 255) } : {}),
        },
        items: chunk.map((c) => c.item),
      },
    });
  }
  return batches;
}
