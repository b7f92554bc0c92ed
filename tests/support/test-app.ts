// Starts the built app (build/, made by `npm run build` before the suite) on a free loopback
// port, on the calling test file's own database.
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
