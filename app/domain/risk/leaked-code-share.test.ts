import { describe, expect, it } from "vitest";
import { LEAKED_CODE_MIN_ORDERS, leakedCodeShareSignal } from "./leaked-code-share";

describe("leakedCodeShareSignal", () => {
  it.each([
    ["1 of 1 order without a landing is too small a sample", 1, 1, null],
    ["19 of 19: still under the sample size", 19, 19, null],
    ["20 of 20 at the sample size", 20, 20, "100 % of the 20 orders with code MAYA10 in 90 days came without the creator's referral link."],
    [
      "18 of 20 is exactly the share",
      20,
      18,
      "90 % of the 20 orders with code MAYA10 in 90 days came without the creator's referral link.",
    ],
    ["17 of 20 is under the share", 20, 17, null],
    ["899 of 1000 is just under the share", 1000, 899, null],
    ["most orders came through the link", 200, 20, null],
    ["no orders", 0, 0, null],
  ])("%s", (_, orders, ordersWithoutReferralLanding, sentence) => {
    const signal = leakedCodeShareSignal({ code: "MAYA10", orders, ordersWithoutReferralLanding });
    expect(signal?.sentence ?? null).toBe(sentence);
    if (signal) expect(signal).toMatchObject({ code: "leaked_code", score: 45 });
  });

  it("the sample size is the documented default", () => {
    expect(LEAKED_CODE_MIN_ORDERS).toBe(20);
  });
});
