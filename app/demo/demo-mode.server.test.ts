import { afterEach, describe, expect, it } from "vitest";
import { demoModeProblems, isDemoMode, registerDemoRuntime } from "./demo-mode.server";

const EMBEDDED = "postgresql://postgres:pw@127.0.0.1:5999/creator_payouts";
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  registerDemoRuntime(undefined as never);
});

function arrange(options: {
  flag?: string;
  nodeEnv?: string;
  databaseUrl?: string;
  runtime?: { embeddedDatabaseUrl: string; listenHost: string };
}) {
  process.env.CREATOR_PAYOUTS_DEMO = options.flag;
  (process.env as Record<string, string | undefined>).NODE_ENV = options.nodeEnv ?? "development";
  process.env.DATABASE_URL = options.databaseUrl ?? EMBEDDED;
  registerDemoRuntime(options.runtime as never);
}

describe("demo mode's sign-in bypass", () => {
  it("is on only with the flag, the launcher's embedded database and a loopback listener", () => {
    arrange({ flag: "1", runtime: { embeddedDatabaseUrl: EMBEDDED, listenHost: "127.0.0.1" } });
    expect(demoModeProblems()).toEqual([]);
    expect(isDemoMode()).toBe(true);
  });

  it("stays off without the explicit flag", () => {
    arrange({ runtime: { embeddedDatabaseUrl: EMBEDDED, listenHost: "127.0.0.1" } });
    expect(demoModeProblems()).toEqual(["CREATOR_PAYOUTS_DEMO is not set"]);
  });

  it("stays off on any database but the embedded one the launcher started", () => {
    arrange({
      flag: "1",
      databaseUrl: "postgresql://prod.example.com/payouts",
      runtime: { embeddedDatabaseUrl: EMBEDDED, listenHost: "127.0.0.1" },
    });
    expect(demoModeProblems()).toEqual(["the database is not the embedded one started by `npm run demo`"]);
    arrange({ flag: "1" });
    expect(isDemoMode()).toBe(false);
  });

  it("stays off when the server listens beyond localhost", () => {
    arrange({ flag: "1", runtime: { embeddedDatabaseUrl: EMBEDDED, listenHost: "0.0.0.0" } });
    expect(demoModeProblems()).toEqual(["the listener is not bound to localhost"]);
  });

  it("stays off in production whatever else is set", () => {
    arrange({ flag: "1", nodeEnv: "production", runtime: { embeddedDatabaseUrl: EMBEDDED, listenHost: "127.0.0.1" } });
    expect(demoModeProblems()).toEqual(["NODE_ENV is production"]);
  });
});
