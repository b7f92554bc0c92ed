import { describe, expect, it } from "vitest";
import { selfReferralSignal, type SelfReferralInput } from "./self-referral";

const creator = {
  shopifyCustomerId: "111",
  email: "Jane.Doe@gmail.com",
  postalAddress: "Jane Doe\n12 Rue de la Paix\n75002 Paris\nFrance",
};
const order = (changes: Partial<SelfReferralInput["order"]>): SelfReferralInput["order"] => ({
  customerId: "999",
  emails: ["buyer@example.com"],
  shippingAddress: { address1: "1 Other Street", zip: "10001" },
  ...changes,
});

describe("selfReferralSignal", () => {
  it.each([
    ["same customer id", order({ customerId: "111" }), 95],
    ["gmail dots and plus-tag", order({ emails: ["janedoe+deal@gmail.com"] }), 90],
    ["googlemail spelling", order({ emails: [null, "jane.doe@googlemail.com"] }), 90],
    ["shipping to the creator's address", order({ shippingAddress: { address1: "12 rue de la Paix", zip: "75002" } }), 70],
    ["a stranger", order({}), null],
    ["same street, other postal code", order({ shippingAddress: { address1: "12 Rue de la Paix", zip: "69001" } }), null],
    ["no address at all", order({ shippingAddress: null }), null],
    ["tagged address at a provider that keeps tags", order({ emails: ["jane.doe+x@example.com"] }), null],
  ])("%s", (_, input, score) => {
    const signal = selfReferralSignal({ creator, order: input });
    expect(signal?.score ?? null).toBe(score);
    if (signal) expect(signal.code).toBe("self_referral");
  });

  it("a creator without customer id or address is matched by email only", () => {
    const bare = { shopifyCustomerId: null, email: "sam@outlook.com", postalAddress: null };
    expect(selfReferralSignal({ creator: bare, order: order({ customerId: null, emails: ["Sam+1@Outlook.com"] }) })?.score).toBe(90);
    expect(selfReferralSignal({ creator: bare, order: order({ customerId: null }) })).toBeNull();
  });
});
