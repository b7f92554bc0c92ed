import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTransferOfAttempt, transferIdempotencyKey, transferParams } from "./transfer-params";

describe("transfer parameters", () => {
  it("names each attempt's key after the payout and the attempt, distinct per attempt", () => {
    expect(transferIdempotencyKey("po_1", 1)).toBe("payout_po_1_a1");
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (id, a, b) => {
        expect(transferIdempotencyKey(id, a) === transferIdempotencyKey(id, b)).toBe(a === b);
      }),
    );
    expect(() => transferIdempotencyKey("po_1", 0)).toThrow(RangeError);
  });

  it("computes the same parameters from the same input, grouped by the payout", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.constantFrom("USD", "EUR", "JPY"),
        fc.integer({ min: 1, max: 9 }),
        (amountMinor, currency, attempt) => {
          const input = { shopId: "sh_1", payoutId: "po_1", attempt, amountMinor, currency, destination: "acct_1" };
          const params = transferParams(input);
          expect(params).toEqual(transferParams(input));
          expect(params).toMatchObject({
            amount: amountMinor,
            currency: currency.toLowerCase(),
            transfer_group: "po_1",
            destination: "acct_1",
          });
          expect(isTransferOfAttempt(params, { payoutId: "po_1", attempt })).toBe(true);
          expect(isTransferOfAttempt(params, { payoutId: "po_1", attempt: attempt + 1 })).toBe(false);
        },
      ),
    );
  });

  it("sends Stripe's unit where it differs from ISO's (ISK is two-decimal at Stripe)", () => {
    expect(transferParams({ shopId: "s", payoutId: "p", attempt: 1, amountMinor: 500, currency: "ISK", destination: "a" }).amount).toBe(
      50_000,
    );
  });

  it("refuses amounts that are not a positive whole number of minor units", () => {
    for (const amountMinor of [0, -1, 1.5, Number.NaN]) {
      expect(() => transferParams({ shopId: "s", payoutId: "p", attempt: 1, amountMinor, currency: "USD", destination: "a" })).toThrow(
        RangeError,
      );
    }
  });
});
