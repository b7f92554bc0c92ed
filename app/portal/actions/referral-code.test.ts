import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creatorFormSchema } from "../../creators/creator-form-schema";
import { referralCodeCandidate } from "./referral-code";

describe("referralCodeCandidate", () => {
  it("always satisfies the creator form's referral-code rule, whatever the name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uint8Array({ minLength: 5, maxLength: 10 }), (name, random) => {
        const code = referralCodeCandidate(name, random);
        expect(code).toMatch(/^[A-Z0-9_-]{3,24}$/);
        expect(creatorFormSchema.shape.referralCode.parse(code)).toBe(code);
      }),
    );
  });

  it("starts with the first name, without accents", () => {
    expect(referralCodeCandidate("Zoë Lee", new Uint8Array([0, 1, 2, 3, 4]))).toBe("ZOEABCDE");
    expect(referralCodeCandidate("  ", new Uint8Array([0, 0, 0, 0, 0]))).toBe("CREATORAAAAA");
  });
});
