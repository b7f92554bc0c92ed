import { describe, expect, it } from "vitest";
import { normaliseCouponSite, parseRiskSettings } from "./risk-settings";

describe("normaliseCouponSite", () => {
  it.each([
    ["retailmenot.com", "retailmenot.com"],
    ["https://www.RetailMeNot.com/coupons", "retailmenot.com"],
    ["honey", "honey"],
    ["deals.example.co.uk", "deals.example.co.uk"],
    ["not a site", null],
    ["-bad.com", null],
    ["<script>", null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseCouponSite(input)).toBe(expected);
  });
});

describe("parseRiskSettings", () => {
  it.each([
    [
      { riskReviewScore: "50", couponSites: "retailmenot.com\nhoney, honey" },
      { ok: true, riskReviewScore: 50, couponSites: ["retailmenot.com", "honey"] },
    ],
    [
      { riskReviewScore: "100", couponSites: "" },
      { ok: true, riskReviewScore: 100, couponSites: [] },
    ],
    [
      { riskReviewScore: "0", couponSites: "" },
      { ok: false, fieldErrors: { riskReviewScore: "Enter a whole score from 1 to 100, e.g. 50." } },
    ],
    [{ riskReviewScore: "12.5" }, { ok: false, fieldErrors: { riskReviewScore: "Enter a whole score from 1 to 100, e.g. 50." } }],
    [
      { riskReviewScore: "50", couponSites: "ok.com\nnot a site" },
      { ok: false, fieldErrors: { couponSites: "Not a site name: not a site. Write one host per line, e.g. retailmenot.com." } },
    ],
  ])("%j", (form, expected) => {
    expect(parseRiskSettings(form)).toEqual(expected);
  });
});
