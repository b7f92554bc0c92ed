import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commonAffixes, middleOf } from "./common-affixes";

const isWellFormed = (value: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);

describe("the start and end a batch of texts shares", () => {
  it("rebuilds every value from the shared parts and its own middle, the parts never overlapping", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 6 }), (values) => {
        const affixes = commonAffixes(values);
        for (const value of values) {
          expect(value.startsWith(affixes.prefix) && value.endsWith(affixes.suffix)).toBe(true);
          expect(affixes.prefix.length + affixes.suffix.length).toBeLessThanOrEqual(value.length);
          expect(affixes.prefix + middleOf(value, affixes) + affixes.suffix).toBe(value);
        }
      }),
    );
  });

  it("never splits a surrogate pair, so every part is valid JSON text", () => {
    // 😀 and 😁 share their high half; 😀 (U+1F600) and U+1FA00 their low half.
    const shareHigh = ["a😀b", "a😁b"];
    const shareLow = ["a😀b", `a${String.fromCodePoint(0x1fa00)}b`];
    for (const values of [shareHigh, shareLow]) {
      const affixes = commonAffixes(values);
      expect(affixes).toEqual({ prefix: "a", suffix: "b" });
      for (const value of values) expect(isWellFormed(middleOf(value, affixes))).toBe(true);
    }
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 6 }), (values) => {
        const affixes = commonAffixes(values);
        expect(isWellFormed(affixes.prefix) && isWellFormed(affixes.suffix)).toBe(true);
        for (const value of values) expect(isWellFormed(middleOf(value, affixes))).toBe(true);
      }),
    );
  });

  it("takes the greeting, shell, link and signature of similar emails, leaving their facts", () => {
    const affixes = commonAffixes(["Hi Ava,\n\n$1.00 paid.\n\n— Shop", "Hi Bo,\n\n$22.55 paid.\n\n— Shop"]);
    expect(affixes).toEqual({ prefix: "Hi ", suffix: " paid.\n\n— Shop" });
    expect(commonAffixes(["same", "same"])).toEqual({ prefix: "same", suffix: "" });
    expect(commonAffixes([])).toEqual({ prefix: "", suffix: "" });
  });
});
