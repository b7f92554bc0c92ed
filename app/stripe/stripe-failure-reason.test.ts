import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyStripeError } from "./classify-stripe-error";
import { retryCanWork, stripeFailureReason } from "./stripe-failure-reason";

const KNOWN = [
  "balance_insufficient",
  "account_closed",
  "account_invalid",
  "no_account",
  "payouts_not_allowed",
  "transfers_not_allowed",
  "capability_disabled",
  "insufficient_capabilities_for_transfer",
  "account_country_invalid_address",
  "account_information_mismatch",
  "amount_too_small",
  "amount_too_large",
  "stripe_key_refused",
  "transfer_not_found",
];

describe("a failed Stripe transfer's reason, as a merchant reads it", () => {
  it.each([
    [
      "balance_insufficient",
      "Your Stripe balance does not have enough available funds in EUR for this transfer. Add funds in Stripe (or wait until pending funds are available), then retry.",
    ],
    [
      "account_closed",
      "The creator's Stripe account is closed. Ask them to connect a new one through their onboarding link, or pay offline instead.",
    ],
    [
      "payouts_not_allowed",
      "Payouts are disabled on the creator's Stripe account. The creator must finish or fix their Stripe onboarding; then retry, or pay offline instead.",
    ],
    [
      "insufficient_capabilities_for_transfer",
      "The creator's Stripe account cannot receive transfers: its transfers capability is not active. The creator must finish or fix their Stripe onboarding; then retry, or pay offline instead.",
    ],
  ])("%s reads as a sentence, without the code", (code, sentence) => {
    expect(stripeFailureReason(code, { currency: "eur" })).toMatchObject({ sentence, unexplainedCode: null });
  });

  it("says who acts: the shop for its balance and key, the creator for their account", () => {
    expect(stripeFailureReason("balance_insufficient")).toMatchObject({ whoActs: "merchant", fix: "stripe_balance" });
    expect(stripeFailureReason("account_closed")).toMatchObject({ whoActs: "creator", fix: "creator_account" });
    expect(stripeFailureReason("whatever", { httpStatus: 401 })).toMatchObject({
      whoActs: "merchant",
      fix: "stripe_key",
      unexplainedCode: null,
    });
    expect(stripeFailureReason("StripePermissionError")).toMatchObject({ fix: "stripe_key" });
  });

  it("an unknown code gets the generic sentence, and the code for the small print", () => {
    expect(stripeFailureReason("brand_new_code")).toEqual({
      sentence: "Stripe refused the transfer. Check the transfer in your Stripe dashboard, then retry, or pay offline instead.",
      whoActs: "merchant",
      fix: "unknown",
      unexplainedCode: "brand_new_code",
    });
    expect(stripeFailureReason(null).unexplainedCode).toBe("unknown");
  });

  it("every code, known or not, reads as a capitalised sentence that never starts with the code", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...KNOWN), fc.stringMatching(/^[a-z_]{1,30}$/)),
        fc.option(fc.constantFrom("usd", "EUR", "jpy")),
        (code, currency) => {
          const { sentence, unexplainedCode } = stripeFailureReason(code, { currency: currency ?? undefined });
          expect(sentence).toMatch(/^[A-Z].*\.$/);
          expect(sentence.startsWith(`${code}:`)).toBe(false);
          expect(sentence).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          expect(unexplainedCode === null).toBe(KNOWN.includes(code));
        },
      ),
    );
  });

  it("the stored reason of a definite refusal is the sentence (no `code: …`, no code in brackets)", () => {
    const closed = classifyStripeError({ statusCode: 400, code: "account_closed", message: "account closed" });
    expect(closed).toMatchObject({ kind: "definite", code: "account_closed", whoActs: "creator" });
    expect(closed.kind === "definite" && closed.message).toBe(stripeFailureReason("account_closed").sentence);
    const unknown = classifyStripeError({ statusCode: 400, code: "weird_thing", message: "Something odd." });
    expect(unknown.kind === "definite" && unknown.message).toBe(`${stripeFailureReason("weird_thing").sentence} (Stripe: Something odd.)`);
  });

  it("allows a retry unless the creator still cannot receive transfers or the amount cannot be sent", () => {
    expect(retryCanWork(stripeFailureReason("balance_insufficient"), true)).toBe(true);
    expect(retryCanWork(stripeFailureReason("brand_new_code"), true)).toBe(true);
    expect(retryCanWork(stripeFailureReason("account_closed"), false)).toBe(false);
    expect(retryCanWork(stripeFailureReason("account_closed"), true)).toBe(true);
    expect(retryCanWork(stripeFailureReason("amount_too_small"), true)).toBe(false);
  });
});
