import { describe, expect, it } from "vitest";
import { describePayoutDetails, payoutDetailsState, type PayoutDetailsFacts } from "./payout-details-state";

const line = (changes: Partial<PayoutDetailsFacts>) =>
  describePayoutDetails(
    payoutDetailsState({
      payoutMethod: null,
      payoutDetailsStatus: "missing",
      payoutDetailsSummary: null,
      pendingChangeSummary: null,
      ...changes,
    }),
  );

describe("the deal page's payout details line", () => {
  it("reads none, a Stripe onboarding state, an offline method on file, or pending confirmation", () => {
    expect(line({})).toBe("none yet (they can still be paid offline)");
    expect(line({ payoutMethod: "stripe", payoutDetailsStatus: "pending" })).toBe("Stripe, onboarding not finished");
    expect(line({ payoutMethod: "stripe", payoutDetailsStatus: "complete" })).toBe("Stripe, ready for transfers");
    expect(line({ payoutMethod: "paypal", payoutDetailsStatus: "complete", payoutDetailsSummary: "PayPal b•••@paypal.test" })).toBe(
      "PayPal on file: PayPal b•••@paypal.test",
    );
    expect(line({ pendingChangeSummary: "IBAN •••• 0189" })).toBe("IBAN •••• 0189, pending the creator's email confirmation");
    expect(
      line({
        payoutMethod: "paypal",
        payoutDetailsStatus: "complete",
        payoutDetailsSummary: "PayPal b•••@paypal.test",
        pendingChangeSummary: "IBAN •••• 0189",
      }),
    ).toBe("PayPal on file: PayPal b•••@paypal.test; change to IBAN •••• 0189 pending the creator's email confirmation");
  });
});
