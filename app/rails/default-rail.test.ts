import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PayoutChannel } from "@prisma/client";
import { defaultRailOf } from "./default-rail";

const rail = fc.constantFrom<PayoutChannel>("stripe", "store_credit", "offline");

describe("defaultRailOf", () => {
  it("is the creator's choice while the shop enables it, else Stripe for an onboarded Stripe creator, else offline", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rail),
        fc.option(rail),
        fc.option(fc.constantFrom("stripe", "paypal", "bank_transfer", "other") as fc.Arbitrary<"stripe">),
        fc.option(fc.constant("acct_1")),
        (enabledRails, preferredRail, payoutMethod, stripeAccountId) => {
          const chosen = defaultRailOf({ enabledRails }, { preferredRail, payoutMethod, stripeAccountId });
          if (preferredRail && enabledRails.includes(preferredRail)) expect(chosen).toBe(preferredRail);
          else expect(chosen).toBe(payoutMethod === "stripe" && stripeAccountId ? "stripe" : "offline");
        },
      ),
    );
  });
});
