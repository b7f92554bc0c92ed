import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isValidPortalToken, issuePortalToken } from "./portal-token.server";

const ENV = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "portal-token-test-secret", SHOPIFY_APP_URL: "https://app.test" };

describe("portal token", () => {
  beforeEach(() => {
    Object.assign(process.env, ENV);
  });
  afterEach(() => {
    delete process.env.CREATOR_PAYOUTS_CLOCK;
  });

  it("is valid only for the shop and customer it was issued to", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (shop, customer, other) => {
        const token = issuePortalToken(shop, customer);
        expect(isValidPortalToken(token, shop, customer)).toBe(true);
        if (other !== customer) expect(isValidPortalToken(token, shop, other)).toBe(false);
        if (other !== shop) expect(isValidPortalToken(token, other, customer)).toBe(false);
      }),
    );
  });

  it("expires after 12 hours and refuses tampered or malformed tokens", () => {
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-05-01T08:00:00Z";
    const token = issuePortalToken("sh_1", "42");
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-05-01T19:59:00Z";
    expect(isValidPortalToken(token, "sh_1", "42")).toBe(true);
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-05-01T20:01:00Z";
    expect(isValidPortalToken(token, "sh_1", "42")).toBe(false);
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-05-01T08:00:00Z";
    const [issuedAt, mac] = token.split(".");
    expect(isValidPortalToken(`${Number(issuedAt) + 1}.${mac}`, "sh_1", "42")).toBe(false);
    for (const bad of [undefined, null, "", "abc", `${issuedAt}.`, `${issuedAt}.${mac}x`, 42]) {
      expect(isValidPortalToken(bad, "sh_1", "42")).toBe(false);
    }
  });
});
