import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnvironment } from "../env.server";

const base = {
  SHOPIFY_API_KEY: "k",
  SHOPIFY_API_SECRET: "s",
  SHOPIFY_APP_URL: "https://app.example",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString("base64")}`,
};
const stripe = {
  STRIPE_SECRET_KEY: "sk_live_abc123",
  STRIPE_SHOP_DOMAIN: "trail-co.myshopify.com",
  STRIPE_PLATFORM_WEBHOOK_SECRET: "whsec_a1",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_b2",
};

const problems = (source: Record<string, string>) => {
  try {
    parseEnvironment(source);
    return [];
  } catch (error) {
    return (error as InvalidEnvironmentError).problems;
  }
};

describe("Stripe configured by environment", () => {
  it("accepts all four variables or none", () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, ...stripe })).toEqual([]);
  });

  it("refuses a partial configuration, naming each missing variable", () => {
    const { STRIPE_CONNECT_WEBHOOK_SECRET: _, STRIPE_SHOP_DOMAIN: __, ...partial } = stripe;
    const found = problems({ ...base, ...partial });
    expect(found).toHaveLength(2);
    expect(found.join("\n")).toContain("STRIPE_SHOP_DOMAIN is required when Stripe is configured by environment");
    expect(found.join("\n")).toContain("STRIPE_CONNECT_WEBHOOK_SECRET is required");
  });

  it("refuses the test-only fake origin and crash points in production", () => {
    const production = {
      ...base,
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://x/y",
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString("base64")}`,
    };
    expect(problems(production)).toEqual([]);
    expect(problems({ ...production, STRIPE_API_ORIGIN: "http://127.0.0.1:1" })).toEqual([
      expect.stringContaining("STRIPE_API_ORIGIN is for tests only"),
    ]);
    expect(problems({ ...production, CREATOR_PAYOUTS_CRASH_AT: "before_stripe_call" })).toEqual([
      expect.stringContaining("CREATOR_PAYOUTS_CRASH_AT is for tests only"),
    ]);
  });
});
