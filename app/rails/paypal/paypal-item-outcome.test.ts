import { describe, expect, it } from "vitest";
import { itemStateOf, payPalItemOutcome } from "./paypal-item-outcome";

const sent = new Date("2026-11-01T10:00:00Z");
const after = (days: number) => new Date(sent.getTime() + days * 86_400_000);

describe("PayPal item state → payout outcome", () => {
  it.each([
    ["SUCCESS", "paid"],
    ["FAILED", "failed"],
    ["RETURNED", "failed"],
    ["BLOCKED", "failed"],
    ["PENDING", "waiting"],
    ["ONHOLD", "waiting"],
    [undefined, "waiting"],
    ["REFUNDED", "reversed"],
    ["REVERSED", "reversed"],
  ] as const)("%s → %s", (status, kind) => {
    expect(payPalItemOutcome({ status, since: sent }, after(1)).kind).toBe(kind);
  });

  it("a failure carries its reason", () => {
    expect(payPalItemOutcome({ status: "FAILED", errorName: "RECEIVER_COUNTRY_NOT_ALLOWED", since: sent }, after(0))).toEqual({
      kind: "failed",
      reason: "PayPal cannot pay a creator in their country. Choose another payout method for them.",
    });
  });

  it("unclaimed waits 30 days, then is canceled at PayPal before the payout fails with the reason", () => {
    const unclaimed = { status: "UNCLAIMED" as const, errorName: "RECEIVER_UNREGISTERED", since: sent };
    expect(payPalItemOutcome(unclaimed, after(29.99)).kind).toBe("waiting");
    const expired = payPalItemOutcome(unclaimed, after(30));
    expect(expired.kind).toBe("cancel_unclaimed");
    expect(expired).toMatchObject({ reason: expect.stringMatching(/^Unclaimed after 30 days: The creator's email has no PayPal account/) });
  });
});

describe("an item as PayPal returns it", () => {
  it("is read into a state: its processing time, else when the batch was sent", () => {
    const item = {
      transaction_status: "UNCLAIMED" as const,
      errors: { name: "RECEIVER_UNREGISTERED", message: "m" },
      time_processed: "2026-11-02T10:00:00Z",
    };
    expect(itemStateOf(item, sent)).toEqual({
      status: "UNCLAIMED",
      errorName: "RECEIVER_UNREGISTERED",
      errorMessage: "m",
      since: new Date("2026-11-02T10:00:00Z"),
    });
    expect(itemStateOf({ transaction_status: "PENDING" }, sent)).toEqual({
      status: "PENDING",
      errorName: undefined,
      errorMessage: undefined,
      since: sent,
    });
    expect(itemStateOf({ transaction_status: "PENDING", time_processed: "garbage" }, sent).since).toBe(sent);
  });
});
