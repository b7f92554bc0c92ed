import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planPayPalBatches, senderBatchId, type PayPalPayoutToSend } from "./plan-paypal-batches";
import { createPayoutRequestSchema, PAYPAL_MAX_ITEMS_PER_BATCH } from "./paypal-wire";

const payout = (i: number, overrides: Partial<PayPalPayoutToSend> = {}): PayPalPayoutToSend => ({
  payoutId: `po_${String(i).padStart(6, "0")}`,
  amountMinor: 1000 + i,
  currency: "USD",
  receiverEmail: `creator${i}@example.com`,
  ...overrides,
});

describe("PayPal batches of a run", () => {
  it("one batch per run, sender_batch_id = run id + batch number, sender_item_id = payout id", () => {
    const [batch, ...rest] = planPayPalBatches([payout(2), payout(1)], { runId: "run123", emailSubject: "You have a payout" });
    expect(rest).toEqual([]);
    expect(batch!.senderBatchId).toBe("run_run123_b1");
    expect(batch!.payoutIds).toEqual(["po_000001", "po_000002"]);
    expect(batch!.request).toEqual({
      sender_batch_header: { sender_batch_id: "run_run123_b1", recipient_type: "EMAIL", email_subject: "You have a payout" },
      items: [
        {
          recipient_type: "EMAIL",
          receiver: "creator1@example.com",
          amount: { value: "10.01", currency: "USD" },
          sender_item_id: "po_000001",
        },
        {
          recipient_type: "EMAIL",
          receiver: "creator2@example.com",
          amount: { value: "10.02", currency: "USD" },
          sender_item_id: "po_000002",
        },
      ],
    });
    expect(senderBatchId("run123", 2, 3)).toBe("run_run123_b2_a3");
  });

  it("splits at PayPal's 15,000 items per call", () => {
    const payouts = Array.from({ length: PAYPAL_MAX_ITEMS_PER_BATCH + 1 }, (_, i) => payout(i));
    const batches = planPayPalBatches(payouts, { runId: "big" });
    expect(batches.map((b) => b.request.items.length)).toEqual([15_000, 1]);
    expect(batches.map((b) => b.senderBatchId)).toEqual(["run_big_b1", "run_big_b2"]);
    for (const b of batches) expect(createPayoutRequestSchema.safeParse(b.request).success).toBe(true);
  });

  it("refuses a payout PayPal cannot receive before anything is sent, naming the fix", () => {
    expect(() => planPayPalBatches([payout(1, { receiverEmail: null })], { runId: "r" })).toThrow(/no PayPal email. Ask them to add it/);
    expect(() => planPayPalBatches([payout(1, { receiverEmail: "nope" })], { runId: "r" })).toThrow(/not a PayPal email address/);
    expect(() => planPayPalBatches([payout(1, { currency: "KWD" })], { runId: "r" })).toThrow(/cannot pay in KWD/);
    expect(() => planPayPalBatches([payout(1), payout(1)], { runId: "r" })).toThrow(/only once/);
  });

  it("every payout lands in exactly one item of one valid batch within the limit, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 99_999 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (ids, limit) => {
          const payouts = ids.map((i) => payout(i));
          const batches = planPayPalBatches(payouts, { runId: "r1", maxItemsPerBatch: limit });
          const shuffled = planPayPalBatches([...payouts].reverse(), { runId: "r1", maxItemsPerBatch: limit });
          expect(shuffled).toEqual(batches);
          const itemIds = batches.flatMap((b) => b.request.items.map((item) => item.sender_item_id));
          expect(itemIds.sort()).toEqual(payouts.map((p) => p.payoutId).sort());
          expect(new Set(batches.map((b) => b.senderBatchId)).size).toBe(batches.length);
          for (const b of batches) {
            expect(b.request.items.length).toBeLessThanOrEqual(limit);
            expect(b.payoutIds).toEqual(b.request.items.map((i) => i.sender_item_id));
            expect(createPayoutRequestSchema.safeParse(b.request).success).toBe(true);
          }
        },
      ),
    );
  });
});
