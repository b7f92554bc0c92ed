// The ingestion baseline for bench/webhook-ingestion.ts: a bare node:http server that reads the
// raw body, verifies Shopify's HMAC (base64 HMAC-SHA256 of the body with the app secret) in
// constant time and inserts one row per delivery, answering 200. No framework, no queue.
// Env: DATABASE_URL, SHOPIFY_API_SECRET, HOST, PORT, BARE_POOL_SIZE (default 10).
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

const databaseUrl = process.env.DATABASE_URL;
const secret = process.env.SHOPIFY_API_SECRET;
if (!databaseUrl || !secret) {
  console.error("bare-webhook-server: DATABASE_URL and SHOPIFY_API_SECRET are required");
  process.exit(1);
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.BARE_POOL_SIZE ?? 10) });
pool.on("error", (error) => console.error(`idle pool client: ${error.message}`));
await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_delivery (id text PRIMARY KEY, payload jsonb NOT NULL)`);

function authentic(body: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", secret!).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(response: http.ServerResponse, status: number) {
  response.writeHead(status, { "Content-Length": 0 });
  response.end();
}

const server = http.createServer((request, response) => {
  if (request.method !== "POST") return answer(response, 405);
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("error", () => answer(response, 400));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const webhookId = request.headers["x-shopify-webhook-id"];
    if (typeof webhookId !== "string" || !authentic(body, request.headers["x-shopify-hmac-sha256"] as string | undefined)) {
      return answer(response, 401);
    }
    pool.query("INSERT INTO bench_bare_delivery (id, payload) VALUES ($1, $2::jsonb)", [webhookId, body.toString("utf8")]).then(
      () => answer(response, 200),
      (error: Error) => {
        console.error(`insert failed: ${error.message}`);
        answer(response, 500);
      },
    );
  });
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`Bare webhook server listening on http://${address}:${port}`);
});

const shutdown = () => {
  server.closeAllConnections();
  server.close(() => void pool.end().finally(() => process.exit(0)));
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
