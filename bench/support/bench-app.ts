// The app as deployed (the real launcher, NODE_ENV=production, a throw-away encryption key) on a
// free loopback port against a benchmark database, without a job worker.
import { randomBytes } from "node:crypto";
import { freePort } from "../../scripts/embedded-postgres";
import { startTsChild } from "./child-process";

export const BENCH_HOST = "127.0.0.1";

export async function startBenchApp(options: { databaseUrl: string; apiKey: string; apiSecret: string }) {
  const port = await freePort();
  const app = await startTsChild({
    name: "app",
    entry: "scripts/start.ts",
    env: {
      ...process.env,
      // Production, as deployed (React's production server renderer); its required secret is a throw-away key.
      NODE_ENV: (process.env.BENCH_NODE_ENV ?? "production") as "production",
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString("base64")}`,
      DATABASE_URL: options.databaseUrl,
      JOB_WORKER_CONCURRENCY: "0",
      SHOPIFY_API_KEY: options.apiKey,
      SHOPIFY_API_SECRET: options.apiSecret,
      SHOPIFY_APP_URL: `http://${BENCH_HOST}:${port}`,
      HOST: BENCH_HOST,
      PORT: String(port),
      CREATOR_PAYOUTS_DEMO: undefined,
    },
    // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=.data/profiles" to profile the app.
    nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean),
    ready: /Creator Payouts listening on (\S+)/,
    readyTimeoutMs: 10 * 60_000,
    echoUntilReady: true,
  });
  return { app, port };
}
