import { describe, expect, it } from "vitest";
import { parsePayPalPayoutsEvent } from "./parse-paypal-webhook-event";

const itemEvent = {
  id: "WH-0G2756385H040842W-5Y612302CV158622M",
  event_version: "1.0",
  create_time: "2026-12-01T10:00:00.000Z",
  resource_type: "payouts_item",
  event_type: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
  resource: {
    payout_item_id: "8AELMXH8UB2P8",
    transaction_id: "0C413693MN970190K",
    transaction_status: "SUCCESS",
    payout_batch_id: "Q8KVJG9TZTNN4",
    payout_item: {
      recipient_type: "EMAIL",
      amount: { value: "9.87", currency: "USD" },
      receiver: "ava@example.com",
      sender_item_id: "po_1",
    },
  },
};

describe("PayPal Payouts webhook events", () => {
  it("reads an item event's ids (the item is then read again at PayPal)", () => {
    expect(parsePayPalPayoutsEvent(JSON.stringify(itemEvent))).toEqual({
      kind: "item",
      eventId: itemEvent.id,
      eventType: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
      payoutItemId: "8AELMXH8UB2P8",
      payoutBatchId: "Q8KVJG9TZTNN4",
      senderItemId: "po_1",
    });
  });

  it("reads a batch event, keeps other events as other, and refuses what is not an event", () => {
    const batch = { id: "WH-1", event_type: "PAYMENT.PAYOUTSBATCH.SUCCESS", resource: { batch_header: { payout_batch_id: "B1" } } };
    expect(parsePayPalPayoutsEvent(JSON.stringify(batch))).toEqual({
      kind: "batch",
      eventId: "WH-1",
      eventType: "PAYMENT.PAYOUTSBATCH.SUCCESS",
      payoutBatchId: "B1",
      senderBatchId: null,
    });
    expect(parsePayPalPayoutsEvent(JSON.stringify({ id: "WH-2", event_type: "PAYMENT.CAPTURE.COMPLETED", resource: {} }))).toEqual({
      kind: "other",
      eventId: "WH-2",
      eventType: "PAYMENT.CAPTURE.COMPLETED",
    });
    for (const body of ["", "null", "[]", "{}", '{"id":"x"}', "not json"]) expect(parsePayPalPayoutsEvent(body)).toBeNull();
  });
});
