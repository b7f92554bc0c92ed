// The launcher (`npm start` / `npm run demo`) refuses unsafe or invalid configurations before
// it starts anything.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { APP_LOGIN_ROLE } from "../../scripts/database-roles";
import { EMBEDDED_SUPERUSER } from "../../scripts/embedded-postgres";
import { runLauncher, startDemo } from "../support/demo-process";

describe("the launcher", () => {
  it("refuses demo mode with NODE_ENV=production", async () => {
    const launcher = runLauncher(["--demo"], { NODE_ENV: "production" });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toContain("Demo mode is for development only: it refuses to start with NODE_ENV=production.");
    expect(launcher.output()).not.toContain("Embedded PostgreSQL running");
  });

  it("refuses demo mode on a database other than the embedded one", async () => {
    const launcher = runLauncher(["--demo"], { DATABASE_URL: "postgresql://db.example.com/payouts" });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toContain("Demo mode runs on the embedded database only");
  });

  it("stops at start-up with one line per configuration problem", async () => {
    const launcher = runLauncher([], {
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "",
      SHOPIFY_API_SECRET: "",
      SHOPIFY_APP_URL: "not a url",
    });
    expect(await launcher.exited).toBe(1);
    const lines = launcher.output().trim().split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        "  - SHOPIFY_API_KEY is required (the app's client id from the Partner Dashboard)",
        "  - SHOPIFY_API_SECRET is required (the app's client secret)",
        "  - SHOPIFY_APP_URL must be the app's public https URL",
        "  - DATABASE_URL is required in production (the embedded database is for development and tests)",
      ]),
    );
    expect(launcher.output()).not.toContain("Embedded PostgreSQL running");
  });

  it("runs the app on the embedded database as the runtime login role, not as the owner", async () => {
    const demo = await startDemo();
    try {
      const printed = demo.output().match(/Embedded PostgreSQL running at postgresql:\/\/([^:]+):\*\*\*@127\.0\.0\.1:(\d+)\/(\w+)/);
      expect(printed?.[1]).toBe(APP_LOGIN_ROLE);
      expect((await fetch(`${demo.url}/app`)).status).toBeLessThan(500);
      const owner = new pg.Client({
        host: "127.0.0.1",
        port: Number(printed![2]),
        database: printed![3],
        user: EMBEDDED_SUPERUSER.user,
        password: EMBEDDED_SUPERUSER.password,
      });
      await owner.connect();
      try {
        const sessions = await owner.query<{ usename: string }>(
          `SELECT DISTINCT usename FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        );
        expect(sessions.rows.map((row) => row.usename)).toEqual([APP_LOGIN_ROLE]);
      } finally {
        await owner.end();
      }
    } finally {
      await demo.stop();
    }
  }, 180_000); // a first start initialises PostgreSQL, migrates and seeds

  it("refuses `npm start` on a real database without ENCRYPTION_KEYS, in one line, whatever NODE_ENV", async () => {
    for (const nodeEnv of [undefined, "development"]) {
      const launcher = runLauncher([], {
        // Not the test suite: this is how `npm start` runs on a developer's or a server's shell.
        VITEST: undefined,
        NODE_ENV: nodeEnv,
        ENCRYPTION_KEYS: undefined,
        CREATOR_PAYOUTS_DEMO: undefined,
        DATABASE_URL: "postgresql://db.example.com/payouts",
        SHOPIFY_API_KEY: "key",
        SHOPIFY_API_SECRET: "secret",
        SHOPIFY_APP_URL: "https://payouts.example.com",
      });
      expect(await launcher.exited).toBe(1);
      expect(launcher.output().trim().split("\n")).toEqual([
        "Invalid configuration: ENCRYPTION_KEYS is required outside demo mode and the test suite (keys that seal credentials and payout details at rest; generate one with `openssl rand -base64 32`)",
      ]);
    }
  });

  it("refuses a test-only variable outside the test suite, and the demo flag without --demo", async () => {
    const base = {
      VITEST: undefined,
      NODE_ENV: undefined,
      CREATOR_PAYOUTS_DEMO: undefined,
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
      DATABASE_URL: "postgresql://db.example.com/payouts",
      SHOPIFY_API_KEY: "key",
      SHOPIFY_API_SECRET: "secret",
      SHOPIFY_APP_URL: "https://payouts.example.com",
    };
    const fake = runLauncher([], { ...base, STRIPE_API_ORIGIN: "http://127.0.0.1:9" });
    expect(await fake.exited).toBe(1);
    expect(fake.output().trim()).toBe(
      "Invalid configuration: STRIPE_API_ORIGIN is for tests only: refused outside the test suite (app/lib/runtime-mode.server.ts)",
    );
    const flagged = runLauncher([], { ...base, ENCRYPTION_KEYS: undefined, CREATOR_PAYOUTS_DEMO: "1" });
    expect(await flagged.exited).toBe(1);
    expect(flagged.output().trim()).toBe("CREATOR_PAYOUTS_DEMO is set by `npm run demo` only: unset it, or run `npm run demo`.");
  });
});
