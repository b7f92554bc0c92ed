import { describe, expect, it } from "vitest";
import { leakedCodeSignal } from "./leaked-code";

const couponSites = ["retailmenot.com", "honey", "couponfollow.com"];

describe("leakedCodeSignal", () => {
  it.each([
    ["referring site is a coupon site", "https://www.retailmenot.com/view/shop.com", "/", "retailmenot.com"],
    ["subdomain of a listed site", "http://deals.couponfollow.com/x", null, "couponfollow.com"],
    ["bare word matches a host label", "https://www.honey.io/", null, "honey"],
    ["landing page utm_source", null, "/products/x?utm_source=RetailMeNot&utm_medium=coupon", "retailmenot.com"],
    ["landing page with a full address", null, "https://shop.example/?utm_source=honey", "honey"],
    ["search engine", "https://www.google.com/", "/", null],
    ["a lookalike domain", "https://notretailmenot.com/", "/", null],
    ["direct traffic", null, null, null],
    ["garbage referring site", "%%%", "?%%", null],
  ])("%s", (_, referringSite, landingSite, site) => {
    const signal = leakedCodeSignal({ referringSite, landingSite, couponSites });
    expect(signal ? signal.sentence : null).toBe(site ? `The buyer came from a coupon site (${site}).` : null);
  });

  it("an empty list flags nothing", () => {
    expect(leakedCodeSignal({ referringSite: "https://retailmenot.com", landingSite: null, couponSites: [] })).toBeNull();
  });
});
