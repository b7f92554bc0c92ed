import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  GIFT_CARD_IN_FLIGHT_MS,
  giftCardCapRefusal,
  giftCardNote,
  giftCardRecoveryStep,
  giftCardRefusal,
  parseGiftCardNote,
  type GiftCardTarget,
} from "./gift-card-rules";

const target: GiftCardTarget = { shopCurrency: "USD", giftCardsAllowed: true, issueLimitMinor: 200_000, customerId: null };

describe("gift card refusals before any call", () => {
  it.each([
    ["the shop currency", target, "USD", null],
    ["another currency", target, "EUR", "gift_card_currency_mismatch"],
    ["a plan without gift cards", { ...target, giftCardsAllowed: false }, "USD", "gift_card_not_on_plan"],
  ])("%s", (_, t, currency, code) => {
    expect(giftCardRefusal(t, currency)?.code ?? null).toBe(code);
  });

  it("refuses only above the cap", () => {
    expect(giftCardCapRefusal({ amountMinor: 100, capMinor: 100, cap: "1.00 USD" })).toBeNull();
    expect(giftCardCapRefusal({ amountMinor: 101, capMinor: 100, cap: "1.00 USD" })?.code).toBe("gift_card_over_cap");
  });
});

describe("the card's note", () => {
  it("names the payout and attempt, and reads back exactly", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), fc.integer({ min: 1, max: 10_000 }), (hex, attempt) => {
        expect(parseGiftCardNote(giftCardNote(`po_${hex}`, attempt))).toEqual({ payoutId: `po_${hex}`, attempt });
      }),
    );
    expect(parseGiftCardNote("Birthday card for Ava")).toBeNull();
    expect(parseGiftCardNote(null)).toBeNull();
  });
});

describe("the keyless lost-answer rule", () => {
  it("sends only an attempt never sent; a sent one is looked up, then waits, then fails", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 48 * 3_600_000 }), (sentAt, age) => {
        expect(giftCardRecoveryStep(sentAt, sentAt + age)).toBe(age < GIFT_CARD_IN_FLIGHT_MS ? "look_up_then_wait" : "look_up_then_fail");
      }),
    );
    expect(giftCardRecoveryStep(null, 0)).toBe("send");
  });
});
