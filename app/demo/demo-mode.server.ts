// Demo mode lets a developer open the admin UI in a plain browser, without Shopify. Its sign-in
// bypass needs all three guards: the explicit flag, the embedded database the launcher started,
// and a listener bound to the loopback interface. NODE_ENV=production refuses it outright.
import { envVariables } from "../env.server";

export const DEMO_SHOP_DOMAIN = "creator-payouts-demo.myshopify.com";
export const DEMO_STAFF_ID = "demo-staff";
/** The demo's staff member, as the audit trail names them (Shopify's online token would say who). */
export const DEMO_STAFF = { type: "staff", id: DEMO_STAFF_ID, name: "Dana Demo", email: "dana.demo@example.com" } as const;

const DEMO_RUNTIME = Symbol.for("creator-payouts.demo-runtime");

interface DemoRuntime {
  embeddedDatabaseUrl: string;
  listenHost: string;
}

type GlobalWithDemo = typeof globalThis & { [DEMO_RUNTIME]?: DemoRuntime };

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/** Called by the launcher, in-process, once it has started the embedded database. */
export function registerDemoRuntime(runtime: DemoRuntime) {
  (globalThis as GlobalWithDemo)[DEMO_RUNTIME] = runtime;
}

export function demoModeProblems(): string[] {
  const problems: string[] = [];
  const { NODE_ENV, CREATOR_PAYOUTS_DEMO, DATABASE_URL } = envVariables("NODE_ENV", "CREATOR_PAYOUTS_DEMO", "DATABASE_URL");
  if (NODE_ENV === "production") problems.push("NODE_ENV is production");
  if (!CREATOR_PAYOUTS_DEMO) {
    problems.push("CREATOR_PAYOUTS_DEMO is not set");
  }
  const runtime = (globalThis as GlobalWithDemo)[DEMO_RUNTIME];
  if (!runtime || runtime.embeddedDatabaseUrl !== DATABASE_URL) {
    problems.push("the database is not the embedded one started by `npm run demo`");
  }
  if (!runtime || !LOOPBACK_HOSTS.has(runtime.listenHost)) {
    problems.push("the listener is not bound to localhost");
  }
  return problems;
}

export function isDemoMode(): boolean {
  return demoModeProblems().length === 0;
}
