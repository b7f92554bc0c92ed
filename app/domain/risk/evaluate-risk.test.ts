import { describe, expect, it } from "vitest";
import { evaluateRisk, type RiskInput } from "./evaluate-risk";

const base: RiskInput = {
  creator: { shopifyCustomerId: "1", email: "jane@gmail.com", postalAddress: null },
  order: { customerId: "2", emails: ["buyer@example.com"], shippingAddress: null, referringSite: null, landingSite: "/" },
  shop: { riskReviewScore: 50, couponSites: ["retailmenot.com"] },
};

describe("evaluateRisk", () => {
  it.each([
    ["a normal order", base, [], false],
    ["self-referral by email", { ...base, order: { ...base.order, emails: ["j.ane+1@gmail.com"] } }, ["self_referral"], true],
    ["leaked code", { ...base, order: { ...base.order, referringSite: "https://retailmenot.com" } }, ["leaked_code"], true],
    [
      "leaked code under a stricter level",
      { ...base, shop: { ...base.shop, riskReviewScore: 61 }, order: { ...base.order, referringSite: "https://retailmenot.com" } },
      ["leaked_code"],
      false,
    ],
    [
      "velocity alone stays under the default level",
      { ...base, velocity: { ordersLast24Hours: 10, ordersPrevious30Days: 0 } },
      ["velocity_spike"],
      false,
    ],
    ["shared payout details", { ...base, otherCreatorsWithSamePayoutDetails: 1 }, ["shared_payout_details"], true],
    [
      "a code's orders mostly without a referral landing: listed under the default level",
      { ...base, codeLandings: { code: "JANE10", orders: 20, ordersWithoutReferralLanding: 20 } },
      ["leaked_code"],
      false,
    ],
    [
      "a code's few orders say nothing",
      { ...base, codeLandings: { code: "JANE10", orders: 1, ordersWithoutReferralLanding: 1 } },
      [],
      false,
    ],
  ])("%s", (_, input, codes, review) => {
    const result = evaluateRisk(input as RiskInput);
    expect(result.signals.map((s) => s.code)).toEqual(codes);
    expect(result.review).toBe(review);
  });

  it("a coupon-site buyer on a leaked code is one leaked-code signal with both sentences and the higher score", () => {
    const result = evaluateRisk({
      ...base,
      order: { ...base.order, referringSite: "https://retailmenot.com" },
      codeLandings: { code: "JANE10", orders: 40, ordersWithoutReferralLanding: 39 },
    });
    expect(result.signals).toEqual([
      {
        code: "leaked_code",
        score: 60,
        sentence:
          "The buyer came from a coupon site (retailmenot.com). 97 % of the 40 orders with code JANE10 in 90 days came without the creator's referral link.",
      },
    ]);
  });
});
