import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnvironment } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://payouts.example.com",
};

describe("environment validation", () => {
  it("accepts a minimal development configuration and fills the defaults", () => {
    const env = parseEnvironment(valid);
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, HOST: "localhost", CREATOR_PAYOUTS_DEMO: false, TRUSTED_PROXY_HOPS: 0 });
  });

  it("takes the number of trusted proxy hops as a small whole number", () => {
    expect(parseEnvironment({ ...valid, TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    for (const bad of ["-1", "one", "1.5", "11"]) expect(() => parseEnvironment({ ...valid, TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("reports every problem on its own readable line", () => {
    try {
      parseEnvironment({ SHOPIFY_APP_URL: "not a url", PORT: "eighty", DATABASE_URL: "mysql://x" });
      expect.unreachable("an invalid environment must throw");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      const problems = (error as InvalidEnvironmentError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          "SHOPIFY_API_KEY is required (the app's client id from the Partner Dashboard)",
          "SHOPIFY_API_SECRET is required (the app's client secret)",
          "SHOPIFY_APP_URL must be the app's public https URL",
          "DATABASE_URL must be a postgresql:// connection URL",
          expect.stringMatching(/^PORT /),
        ]),
      );
      expect((error as Error).message.split("\n")).toHaveLength(problems.length + 1);
    }
  });

  it("refuses demo mode and the embedded database in production", () => {
    expect(() => parseEnvironment({ ...valid, NODE_ENV: "production", CREATOR_PAYOUTS_DEMO: "1" })).toThrow(
      /CREATOR_PAYOUTS_DEMO demo mode is for development only[\s\S]*DATABASE_URL is required in production/,
    );
  });
});
