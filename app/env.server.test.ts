import { afterEach, describe, expect, it } from "vitest";
import { env, envVariables, InvalidEnvironmentError, parseEnvironment } from "./env.server";

const KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://payouts.example.com",
  ENCRYPTION_KEYS: KEYS,
};
const { ENCRYPTION_KEYS: _, ...withoutKeys } = valid;
const TEST_SUITE = { VITEST: "true", NODE_ENV: "test" };

describe("environment validation", () => {
  it("accepts a minimal development configuration and fills the defaults", () => {
    const env = parseEnvironment(valid);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "localhost",
      CREATOR_PAYOUTS_DEMO: false,
      TRUSTED_PROXY_HOPS: 0,
    });
  });

  it("takes the number of trusted proxy hops as a small whole number", () => {
    expect(parseEnvironment({ ...valid, TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    for (const bad of ["-1", "one", "1.5", "11"])
      expect(() => parseEnvironment({ ...valid, TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
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

  it("requires ENCRYPTION_KEYS outside demo mode and the test suite, whatever NODE_ENV says", () => {
    for (const NODE_ENV of ["development", "production", "test"]) {
      expect(() => parseEnvironment({ ...withoutKeys, NODE_ENV, DATABASE_URL: "postgresql://db.example.com/payouts" })).toThrow(
        /ENCRYPTION_KEYS is required outside demo mode and the test suite/,
      );
    }
    expect(parseEnvironment({ ...withoutKeys, CREATOR_PAYOUTS_DEMO: "1" }).ENCRYPTION_KEYS).toBeUndefined();
    expect(parseEnvironment({ ...withoutKeys, ...TEST_SUITE }).ENCRYPTION_KEYS).toBeUndefined();
    // VITEST alone (e.g. inherited by a production process) does not make the test suite.
    expect(() => parseEnvironment({ ...withoutKeys, VITEST: "true", NODE_ENV: "production", DATABASE_URL: "postgresql://x/y" })).toThrow(
      /ENCRYPTION_KEYS is required/,
    );
  });

  it("refuses every test-only variable outside the test suite", () => {
    const testOnly = {
      STRIPE_API_ORIGIN: "http://127.0.0.1:1",
      SHOPIFY_ADMIN_API_ORIGIN: "http://127.0.0.1:2",
      PAYPAL_API_ORIGIN: "http://127.0.0.1:3",
      CREATOR_PAYOUTS_CRASH_AT: "before_stripe_call",
      CREATOR_PAYOUTS_CLOCK: "2026-05-01T08:00:00Z",
    };
    for (const [name, value] of Object.entries(testOnly)) {
      expect(() => parseEnvironment({ ...valid, [name]: value })).toThrow(new RegExp(`${name} is for tests only`));
      expect(parseEnvironment({ ...valid, ...TEST_SUITE, [name]: value })).toMatchObject({ [name]: value });
    }
    // The demo may pin its clock, nothing else.
    expect(parseEnvironment({ ...withoutKeys, CREATOR_PAYOUTS_DEMO: "1", CREATOR_PAYOUTS_CLOCK: "2026-05-01T08:00:00Z" })).toBeTruthy();
    expect(() => parseEnvironment({ ...withoutKeys, CREATOR_PAYOUTS_DEMO: "1", STRIPE_API_ORIGIN: "http://127.0.0.1:1" })).toThrow(
      /STRIPE_API_ORIGIN is for tests only/,
    );
  });

  it("takes the Admin API stand-in only as an http(s) origin", () => {
    expect(parseEnvironment({ ...valid, ...TEST_SUITE, SHOPIFY_ADMIN_API_ORIGIN: "http://127.0.0.1:4000/" }).SHOPIFY_ADMIN_API_ORIGIN).toBe(
      "http://127.0.0.1:4000/",
    );
    for (const bad of ["127.0.0.1:4000", "ftp://127.0.0.1:4000", "javascript:alert(1)", "http://127.0.0.1:4000/admin/api"]) {
      expect(() => parseEnvironment({ ...valid, ...TEST_SUITE, SHOPIFY_ADMIN_API_ORIGIN: bad })).toThrow(
        "Invalid configuration: SHOPIFY_ADMIN_API_ORIGIN must be an http(s) origin such as http://127.0.0.1:4000 (scheme, host and port only)",
      );
    }
  });

  it("takes a pinned clock only as an ISO 8601 instant, not a date it would silently ignore", () => {
    expect(
      parseEnvironment({ ...valid, ...TEST_SUITE, CREATOR_PAYOUTS_CLOCK: "2026-03-01T10:00:00.250+01:00" }).CREATOR_PAYOUTS_CLOCK,
    ).toBe("2026-03-01T10:00:00.250+01:00");
    for (const bad of ["tomorrow", "2026-03-01", "2026-03-01 10:00", "2026-13-01T10:00:00Z"]) {
      expect(() => parseEnvironment({ ...valid, ...TEST_SUITE, CREATOR_PAYOUTS_CLOCK: bad })).toThrow(
        "Invalid configuration: CREATOR_PAYOUTS_CLOCK must be an ISO 8601 instant with its offset, such as 2026-03-01T10:00:00Z",
      );
    }
  });
});

describe("env() and envVariables(), the readers of process.env", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("follow changes to the environment (tests set variables while the process runs)", () => {
    Object.assign(process.env, valid, { PORT: "4001" });
    expect(env().PORT).toBe(4001);
    process.env.PORT = "4002";
    expect(env().PORT).toBe(4002);
    expect(envVariables("PORT").PORT).toBe(4002);
    process.env.PORT = "4003";
    expect(envVariables("PORT").PORT).toBe(4003);
  });

  it("validate what they read: a wrong pinned clock is refused, not ignored", () => {
    process.env.CREATOR_PAYOUTS_CLOCK = "next tuesday";
    expect(() => envVariables("CREATOR_PAYOUTS_CLOCK")).toThrow(/CREATOR_PAYOUTS_CLOCK must be an ISO 8601 instant/);
  });

  it("read a part without requiring the rest of the configuration", () => {
    delete process.env.SHOPIFY_API_KEY;
    process.env.DATABASE_POOL_SIZE = "3";
    expect(envVariables("DATABASE_POOL_SIZE")).toEqual({ DATABASE_POOL_SIZE: 3 });
    expect(() => env()).toThrow(/SHOPIFY_API_KEY is required/);
  });
});
