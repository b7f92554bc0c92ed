import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOSED_LOCAL_ORIGIN, outsideServiceOverride } from "./outside-service-origin.server";
import { adminOrigin } from "./shopify-admin-origin.server";

describe("outside services in the test suite", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("sends a test without a Shopify stand-in to a closed local port, never to the real shop", () => {
    vi.stubEnv("SHOPIFY_ADMIN_API_ORIGIN", undefined);
    expect(adminOrigin("brand.myshopify.com")).toBe(CLOSED_LOCAL_ORIGIN);
  });

  it("does the same for Stripe and PayPal", () => {
    vi.stubEnv("STRIPE_API_ORIGIN", undefined);
    vi.stubEnv("PAYPAL_API_ORIGIN", undefined);
    expect(outsideServiceOverride("STRIPE_API_ORIGIN")).toBe(CLOSED_LOCAL_ORIGIN);
    expect(outsideServiceOverride("PAYPAL_API_ORIGIN")).toBe(CLOSED_LOCAL_ORIGIN);
  });

  it("uses the stand-in a test names", () => {
    vi.stubEnv("SHOPIFY_ADMIN_API_ORIGIN", "http://127.0.0.1:4000/");
    expect(adminOrigin("brand.myshopify.com")).toBe("http://127.0.0.1:4000");
  });

  it("outside the test suite, no override means the real service", () => {
    vi.stubEnv("VITEST", undefined);
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("SHOPIFY_ADMIN_API_ORIGIN", undefined);
    expect(adminOrigin("brand.myshopify.com")).toBe("https://brand.myshopify.com");
  });

  it("production ignores every override", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SHOPIFY_ADMIN_API_ORIGIN", "http://127.0.0.1:4000");
    expect(adminOrigin("brand.myshopify.com")).toBe("https://brand.myshopify.com");
  });
});
