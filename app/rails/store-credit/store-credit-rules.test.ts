import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  matchStoreCreditTransaction,
  STORE_CREDIT_CLOCK_SKEW_MS,
  STORE_CREDIT_IN_FLIGHT_MS,
  storeCreditRecoveryStep,
  storeCreditRefusal,
  type StoreCreditTarget,
} from "./store-credit-rules";

const target: StoreCreditTarget = {
  creatorName: "Ava Ames",
  customerId: "gid://shopify/Customer/1",
  accountsVersion: "NEW_CUSTOMER_ACCOUNTS",
  shopCurrency: "USD",
  accounts: [{ currency: "CAD", balanceMinor: 500 }],
};

describe("store credit refusals before any call", () => {
  it.each([
    ["the shop currency", target, "USD", null],
    ["a currency the account already holds", target, "CAD", null],
    ["another currency", target, "EUR", "store_credit_currency_mismatch"],
    ["no customer account", { ...target, customerId: null }, "USD", "store_credit_no_customer"],
    ["classic customer accounts", { ...target, accountsVersion: "CLASSIC" as const }, "USD", "store_credit_needs_new_customer_accounts"],
  ])("%s", (_, t, currency, code) => {
    expect(storeCreditRefusal(t, currency)?.code ?? null).toBe(code);
  });
});

describe("the keyless lost-answer rule", () => {
  it("sends only an attempt never sent; a sent one is looked up, then waits, then fails", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 48 * 3_600_000 }), (sentAt, age) => {
        const step = storeCreditRecoveryStep(sentAt, sentAt + age);
        expect(step).toBe(age < STORE_CREDIT_IN_FLIGHT_MS ? "look_up_then_wait" : "look_up_then_fail");
      }),
    );
    expect(storeCreditRecoveryStep(null, Date.now())).toBe("send");
  });
});

describe("matching a lost credit", () => {
  const sentAtMs = Date.parse("2026-12-06T04:00:00Z");
  const credit = (id: string, amountMinor: number, offsetMs: number, currency = "USD") => ({
    id,
    amountMinor,
    currency,
    createdAtMs: sentAtMs + offsetMs,
  });
  const attempt = { amountMinor: 12_550, currency: "USD", sentAtMs };

  it("takes the oldest credit of the same amount and currency inside the flight, not another attempt's", () => {
    const candidates = [
      credit("late", 12_550, STORE_CREDIT_IN_FLIGHT_MS + 1),
      credit("early", 12_550, -STORE_CREDIT_CLOCK_SKEW_MS - 1),
      credit("other-amount", 12_551, 1_000),
      credit("other-currency", 12_550, 1_000, "CAD"),
      credit("second", 12_550, 2_000),
      credit("first", 12_550, 1_000),
    ];
    expect(matchStoreCreditTransaction(candidates, attempt, new Set())).toBe("first");
    expect(matchStoreCreditTransaction(candidates, attempt, new Set(["first"]))).toBe("second");
    expect(matchStoreCreditTransaction(candidates, attempt, new Set(["first", "second"]))).toBeNull();
  });
});
