import { describe, expect, it } from "vitest";
import { payoutDetailsCanonical, sharedPayoutDetailsSignal } from "./shared-payout-details";

describe("sharedPayoutDetailsSignal", () => {
  it.each([
    [0, null],
    [1, "Another creator has the same payout details."],
    [3, "3 other creators have the same payout details."],
  ])("%i other creators", (otherCreators, sentence) => {
    expect(sharedPayoutDetailsSignal({ otherCreators })?.sentence ?? null).toBe(sentence);
  });
});

describe("payoutDetailsCanonical", () => {
  it.each([
    ["iban", "de89 3704 0044 0532 0130 00", "iban:DE89370400440532013000"],
    ["paypal", " Jane@Example.com ", "paypal:jane@example.com"],
    ["stripe", "acct_123", "stripe:acct_123"],
    ["iban", "   ", null],
  ] as const)("%s %s", (method, value, expected) => {
    expect(payoutDetailsCanonical(method, value)).toBe(expected);
  });
});
