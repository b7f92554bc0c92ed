import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseAttribution, needsPixelAttribution } from "./choose-attribution";

const creator = fc.option(fc.constantFrom("ava", "ben", "cy"), { nil: null });

describe("chooseAttribution", () => {
  it("credits a pixel conversion only when the order carries no creator's code and no referral attribute", () => {
    expect(chooseAttribution({ manual: null, discountCode: null, referralAttribute: null, pixel: "ava" })).toEqual({
      creator: "ava",
      source: "pixel",
    });
    expect(chooseAttribution({ manual: null, discountCode: "ben", referralAttribute: null, pixel: "ava" })).toEqual({
      creator: "ben",
      source: "discount_code",
    });
    expect(chooseAttribution({ manual: null, discountCode: null, referralAttribute: "cy", pixel: "ava" })).toEqual({
      creator: "cy",
      source: "referral",
    });
  });

  it("follows manual → code → attribute → pixel for every combination", () => {
    fc.assert(
      fc.property(creator, creator, creator, creator, (manual, discountCode, referralAttribute, pixel) => {
        const chosen = chooseAttribution({ manual, discountCode, referralAttribute, pixel });
        const order = [
          [manual, "manual"],
          [discountCode, "discount_code"],
          [referralAttribute, "referral"],
          [pixel, "pixel"],
        ] as const;
        const first = order.find(([c]) => c !== null);
        expect(chosen).toEqual(first ? { creator: first[0], source: first[1] } : null);
        // The pixel is looked up exactly when it could matter.
        expect(needsPixelAttribution({ manual, discountCode, referralAttribute })).toBe(!manual && !discountCode && !referralAttribute);
      }),
    );
  });
});
