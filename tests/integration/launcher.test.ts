// The launcher (`npm start` / `npm run demo`) refuses unsafe or invalid configurations before
// it starts anything.
import { describe, expect, it } from "vitest";
import { runLauncher } from "../support/demo-process";

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
});
