// Starts the built app (build/, made by `npm run build` before the suite) on a free loopback
// port, on the calling test file's own database. Most files want `describeWithApp` (or
// `useTestApp`), which start it once before their tests and stop it after them.
import { afterAll, beforeAll, describe } from "vitest";
import { startAppServer, type RunningAppServer } from "../../scripts/app-server";
import { useTestDatabase } from "./test-database";

export const TEST_SHOPIFY_API_KEY = "test-api-key";
export const TEST_SHOPIFY_API_SECRET = "test-api-secret-0123456789";

export interface TestApp extends RunningAppServer {
  databaseUrl: string;
}

export async function startTestApp(): Promise<TestApp> {
  const databaseUrl = await useTestDatabase();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: TEST_SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: TEST_SHOPIFY_API_SECRET,
    SHOPIFY_APP_URL: "https://creator-payouts.test",
    SCOPES: "read_orders,read_customers,read_discounts,read_products",
  });
  const server = await startAppServer({ host: "127.0.0.1", port: 0 });
  return { ...server, databaseUrl };
}

/** The file's running app; its fields can be read once `beforeAll` has started it. */
export type TestAppHandle = Readonly<TestApp>;

/**
 * Starts the test app before the tests of the current file or `describe` and stops it after
 * them, and hands back a handle whose fields (`url`, `databaseUrl`, …) read the running app.
 */
export function useTestApp(): TestAppHandle {
  let running: TestApp | undefined;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  const current = (): TestApp => {
    if (!running) throw new Error("The test app runs only inside tests and hooks (it starts in beforeAll).");
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get databaseUrl() {
      return current().databaseUrl;
    },
    close: (drainMs?: number) => current().close(drainMs),
  };
}

/** `describe` with the test app running for its tests: `describeWithApp("payouts", (app) => …)`. */
export function describeWithApp(name: string, body: (app: TestAppHandle) => void) {
  return describe(name, () => body(useTestApp()));
}
