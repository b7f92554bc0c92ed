import { describe, expect, it } from "vitest";
import { CREATOR_REF_ATTRIBUTE } from "../commission/shopify-order";
import { hasReferralLanding } from "./referral-landing";

describe("hasReferralLanding", () => {
  it.each([
    ["landing page carries the creator's ref", "/products/boots?ref=maya", {}, "MAYA", true],
    ["full landing address with ref and other parameters", "https://shop.example/?utm_source=ig&ref=MAYA#top", {}, "MAYA", true],
    ["the referral cart attribute", "/", { [CREATOR_REF_ATTRIBUTE]: " maya " }, "MAYA", true],
    ["another creator's ref", "/?ref=SAM", { [CREATOR_REF_ATTRIBUTE]: "SAM" }, "MAYA", false],
    ["no landing at all", null, {}, "MAYA", false],
    ["a landing page without ref", "/collections/all?utm_source=retailmenot", {}, "MAYA", false],
    ["a malformed query", "/?%%ref=%", {}, "MAYA", false],
    ["a creator without referral code", "/?ref=", { [CREATOR_REF_ATTRIBUTE]: "" }, "", false],
  ])("%s", (_, landingSite, noteAttributes, referralCode, expected) => {
    expect(hasReferralLanding({ landingSite, noteAttributes }, referralCode)).toBe(expected);
  });
});
