// Webhook ingestion: N signed orders/create deliveries at concurrency C, fired at
//   1. a bare node:http server that verifies the HMAC and inserts one row (bare-webhook-server.ts),
//   2. the app itself, started by its launcher (scripts/start.ts) with its job worker,
// both on one embedded PostgreSQL (separate tables in the same database). Reports deliveries/s
// and latency for both, their ratio, and whether the app's queued work (inbound events, drained by drain_inbound_events)
// drains at least as fast as deliveries arrive. Then the order work alone: copies of the run's
// deliveries queued at once and drained with no ingestion beside it, which gives goal 1's figures
// (app and PostgreSQL CPU, write transactions and WAL per order worked) with the window's
// statements (pg_stat_statements) and WAL records (pg_walinspect).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { createHmac, randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { freePort } from "../scripts/embedded-postgres";
import { migrateDatabase } from "../scripts/migrate-database";
import { orderPayload } from "../tests/support/shopify-payloads";
import { startTsChild, type RunningChild } from "./support/child-process";
import { onCleanup } from "./support/cleanup";
import { cpuBetween, cpuSnapshot, postmasterPid, processCpuMs, type CpuSnapshot, type CpuWindow } from "./support/cpu";
import { startBenchDatabaseServer } from "./support/database";
import { fireLoad, formatFailures, summarize, type LatencySummary, type LoadResult, type PreparedRequest } from "./support/load";
import { intFrom, type BenchOptions } from "./support/options";
import { log, seconds } from "./support/console";
import { GOALS as ISSUE_GOALS } from "./goals";
import { record } from "./summary";

const SHOP_DOMAIN = "bench-shop.myshopify.com";
const REFERRAL_CODE = "BENCH";
const API_SECRET = "bench-api-secret-0123456789";
const HOST = "127.0.0.1";
const TOPIC = "orders/create";
const FIRST_ORDER_ID = 8_000_000_000;
const GOALS = { ratio: ISSUE_GOALS["ingestion.ratio"].limit, p99Ms: ISSUE_GOALS["ingestion.p99"].limit };

type Target = "bare" | "app";
type Phase = "warmup" | "run" | "queued";

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–";

async function seed(databaseUrl: string) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const shop = await prisma.shop.create({
      data: { domain: SHOP_DOMAIN, name: "Bench Shop", currency: "USD", holdPeriodDays: 30 },
    });
    const plan = await prisma.commissionPlan.create({
      data: { shopId: shop.id, name: "10 %", kind: "percentage", rateBasisPoints: 1000 },
    });
    await prisma.shop.update({ where: { id: shop.id }, data: { defaultPlanId: plan.id } });
    await prisma.creator.create({
      data: { shopId: shop.id, name: "Bench Creator", email: "bench@creators.test", referralCode: REFERRAL_CODE, status: "active" },
    });
  } finally {
    await prisma.$disconnect();
  }
}

interface Body {
  orderId: number;
  body: Buffer;
  hmac: string;
}

/** One signed body per order; both targets get the same bodies (each under its own webhook ids). */
function buildBodies(count: number, firstOrderId: number): Body[] {
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const orderId = firstOrderId + i;
    const body = Buffer.from(
      JSON.stringify(
        orderPayload({
          orderId,
          createdAt: now,
          updatedAt: now,
          lines: [
            { lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 4500, discountMinor: 675 },
            { lineId: orderId * 10 + 2, productId: 7002, quantity: 2, unitPriceMinor: 2250, discountMinor: 675 },
          ],
          creatorRef: REFERRAL_CODE,
        }),
      ),
    );
    return { orderId, body, hmac: createHmac("sha256", API_SECRET).update(body).digest("base64") };
  });
}

const webhookId = (target: Target, phase: Phase, index: number) => `bench-${target}-${phase}-${index}`;

function requestsFor(target: Target, phase: Phase, bodies: Body[]): PreparedRequest[] {
  const triggeredAt = new Date().toISOString();
  return bodies.map((b, index) => ({
    path: `/webhooks/${TOPIC}`,
    body: b.body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": TOPIC,
      "X-Shopify-Shop-Domain": SHOP_DOMAIN,
      "X-Shopify-Webhook-Id": webhookId(target, phase, index),
      "X-Shopify-Event-Id": `bench-event-${target}-${phase}-${index}`,
      "X-Shopify-Triggered-At": triggeredAt,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Hmac-Sha256": b.hmac,
    },
  }));
}

/** A forged delivery must be refused by both targets (401) and change nothing. */
async function expectForgeryRefused(name: string, port: number, body: Body) {
  const [request] = requestsFor("bare", "warmup", [body]);
  const forged = {
    ...request,
    headers: {
      ...request.headers,
      "X-Shopify-Webhook-Id": `bench-forged-${name}`,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", "wrong-secret").update(body.body).digest("base64"),
    },
  };
  const result = await fireLoad({ host: HOST, port }, [forged], 1);
  if (result.failures.get("HTTP 401") !== 1) {
    throw new Error(`${name} did not refuse a forged delivery with 401 (${formatFailures(result.failures)}, ${result.ok} × 200)`);
  }
}

interface AppProgress {
  stored: number;
  pending: number;
  lastProcessedAtMs: number | null;
}

interface DbCounters {
  /** The next transaction id: advances once per transaction that writes (read-only ones take none). */
  nextXid: bigint;
  walLsn: string;
}

/**
 * Read without taking a transaction id itself (pg_stat_database lags by up to 10 s; these do not).
 * WAL at its insert position: with synchronous_commit off the write position (pg_current_wal_lsn)
 * lags by up to the WAL writer's delay, so a window read just after its work missed part of it.
 */
async function dbCounters(client: pg.Pool): Promise<DbCounters> {
  const { rows } = await client.query<{ xid: string; lsn: string }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid, pg_current_wal_insert_lsn()::text AS lsn`,
  );
  return { nextXid: BigInt(rows[0].xid), walLsn: rows[0].lsn };
}

async function dbCountersSince(client: pg.Pool, start: DbCounters) {
  const end = await dbCounters(client);
  const { rows } = await client.query<{ bytes: string }>(`SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::bigint AS bytes`, [
    end.walLsn,
    start.walLsn,
  ]);
  return { writeTransactions: Number(end.nextXid - start.nextXid), walBytes: Number(rows[0].bytes) };
}

async function appProgress(client: pg.Pool, phase: Phase): Promise<AppProgress> {
  const { rows } = await client.query<{ stored: string; pending: string; last: Date | null }>(
    `SELECT count(*) AS stored, count(*) FILTER (WHERE "status" = 'received') AS pending, max("processedAt") AS last
       FROM "InboundEvent" WHERE "source" = 'shopify' AND "deliveryId" LIKE $1`,
    [`bench-app-${phase}-%`],
  );
  return { stored: Number(rows[0].stored), pending: Number(rows[0].pending), lastProcessedAtMs: rows[0].last?.getTime() ?? null };
}

/** Waits until every event of the phase has left 'received' (or the time limit passes). */
async function waitForDrain(client: pg.Pool, phase: Phase, expected: number, limitMs: number) {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const progress = await appProgress(client, phase);
    if (progress.stored >= expected && progress.pending === 0) return { ...progress, timedOut: false };
    if (performance.now() > deadline) return { ...progress, timedOut: true };
    await sleep(100);
  }
}

/** Fires the load while sampling the backlog (events stored but still 'received') once a second. */
async function fireAppLoad(client: pg.Pool, port: number, requests: PreparedRequest[], c: number, cpu: () => CpuSnapshot) {
  let maxBacklog = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      await sleep(1000);
      if (done) break;
      maxBacklog = Math.max(maxBacklog, (await appProgress(client, "run")).pending);
    }
  })();
  const result = await fireLoad({ host: HOST, port }, requests, c).finally(() => {
    done = true;
  });
  const cpuAtLastAck = cpu();
  const atLastAck = await appProgress(client, "run");
  await sampler;
  return { result, cpuAtLastAck, backlogAtLastAck: atLastAck.pending, maxBacklog: Math.max(maxBacklog, atLastAck.pending) };
}

async function runStatusCounts(client: pg.Pool, firstOrderId: number, n: number) {
  const statuses = await client.query<{ status: string; count: string }>(
    `SELECT "status", count(*) AS count FROM "InboundEvent" WHERE "deliveryId" LIKE 'bench-app-run-%' GROUP BY "status"`,
  );
  const commissions = await client.query<{ count: string }>(
    `SELECT count(*) AS count FROM "Commission" c JOIN "AttributedOrder" o ON o."id" = c."orderId"
      WHERE o."shopifyOrderId" ~ '^[0-9]+$' AND o."shopifyOrderId"::bigint BETWEEN $1 AND $2`,
    [firstOrderId, firstOrderId + n - 1],
  );
  return {
    byStatus: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.count)])),
    commissions: Number(commissions.rows[0].count),
  };
}

/**
 * Order work alone, with no ingestion beside it: copies of the run's deliveries under new order ids
 * (and new webhook ids) are queued at once, due a few seconds later, and the worker drains them.
 * The CPU and WAL of that window over the orders worked is what working one order costs.
 */
async function measureQueuedDrain(client: pg.Pool, app: RunningChild, postgresPid: number, limitMs: number) {
  const appPid = app.pid;
  const { rowCount } = await client.query(
    `INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload", "nextAttemptAt")
     SELECT e."source", 'bench-app-queued-' || substr(e."deliveryId", length('bench-app-run-') + 1), e."topic", e."shopDomain", e."shopId",
            jsonb_set(e."payload", '{id}', to_jsonb((e."payload"->>'id')::bigint + 1000000000)), now() + interval '4 seconds'
       FROM "InboundEvent" e WHERE e."deliveryId" LIKE 'bench-app-run-%' AND e."status" = 'processed'`,
  );
  const queued = rowCount ?? 0;
  const inspect = await client
    .query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements; CREATE EXTENSION IF NOT EXISTS pg_walinspect`)
    .then(() => true)
    .catch(() => false);
  await client.query("CHECKPOINT");
  if (inspect) await client.query("SELECT pg_stat_statements_reset()");
  const db0 = await dbCounters(client);
  await appEventLoopDelay(app);
  const cpu0 = cpuSnapshot(appPid, postgresPid);
  const drained = await waitForDrain(client, "queued", queued, limitMs);
  const cpu = cpuBetween(cpu0, cpuSnapshot(appPid, postgresPid));
  const loopDelay = await appEventLoopDelay(app);
  const db = await dbCountersSince(client, db0);
  if (inspect) await printWhereTheWorkGoes(client, db0.walLsn, queued);
  const orders = await client.query<{ count: string }>(
    `SELECT count(*) AS count FROM "Commission" c JOIN "AttributedOrder" o ON o."id" = c."orderId"
      WHERE o."shopifyOrderId" ~ '^[0-9]+$' AND o."shopifyOrderId"::bigint >= $1`,
    [FIRST_ORDER_ID + 1_000_000_000],
  );
  return { queued, drained, cpu, db, loopDelay, commissions: Number(orders.rows[0].count) };
}

/** The window's statements (pg_stat_statements, triggers' included) and WAL records (pg_walinspect), per order. */
async function printWhereTheWorkGoes(client: pg.Pool, fromLsn: string, orders: number) {
  const statements = await client.query<{ calls: string; ms: string; rows: string; query: string }>(
    `SELECT calls::text, total_exec_time::text AS ms, rows::text, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query !~* 'pg_stat_statements|pg_walinspect|pg_current_wal|pg_snapshot_xmax|FROM "InboundEvent" WHERE "source" = .shopify. AND "deliveryId" LIKE'
      ORDER BY total_exec_time DESC LIMIT 14`,
  );
  console.log(`\n  statements in the window (pg_stat_statements, track=all), per order worked:`);
  console.log(`  ${"calls".padStart(7)} ${"ms".padStart(7)} ${"rows".padStart(7)}  statement`);
  for (const s of statements.rows) {
    console.log(
      `  ${fmt(Number(s.calls) / orders, 3).padStart(7)} ${fmt(Number(s.ms) / orders, 3).padStart(7)} ${fmt(Number(s.rows) / orders, 2).padStart(7)}  ${s.query.slice(0, 110)}`,
    );
  }
  await walFlushed(client);
  const wal = await client.query<{ kind: string; count: string; record: string; fpi: string }>(
    `SELECT "resource_manager/record_type" AS kind, count::text, record_size::text AS record, fpi_size::text AS fpi
       FROM pg_get_wal_stats($1::pg_lsn, pg_current_wal_lsn(), true) WHERE count > 0 ORDER BY combined_size DESC LIMIT 12`,
    [fromLsn],
  );
  console.log(`\n  WAL records in the window (pg_walinspect), per order worked:`);
  console.log(`  ${"count".padStart(7)} ${"bytes".padStart(8)} ${"FPI B".padStart(8)}  record`);
  for (const w of wal.rows) {
    console.log(
      `  ${fmt(Number(w.count) / orders, 2).padStart(7)} ${fmt(Number(w.record) / orders, 0).padStart(8)} ${fmt(Number(w.fpi) / orders, 0).padStart(8)}  ${w.kind}`,
    );
  }
  await printWalByRelation(client, fromLsn, orders, "order worked");
}

/**
 * The window's WAL by the table or index whose blocks it changed (pg_get_wal_block_info): what each
 * row and each index entry an order writes costs. A record's own header and main data (commits,
 * transaction bookkeeping) belong to no block and are not in these rows.
 */
/**
 * Waits until the WAL inserted so far is on disk: pg_walinspect reads only up to the flush position,
 * and with synchronous_commit off the window's last records may still be in WAL buffers (a
 * breakdown read at once missed up to a fifth of a short run's order work).
 */
async function walFlushed(client: pg.Pool) {
  const { rows } = await client.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
  for (let i = 0; i < 100; i++) {
    const flushed = await client.query<{ done: boolean }>(`SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS done`, [rows[0].lsn]);
    if (flushed.rows[0].done) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function printWalByRelation(client: pg.Pool, fromLsn: string, per: number, unit: string) {
  await walFlushed(client);
  const rows = await client.query<{ rel: string; blocks: string; data: string; fpi: string }>(
    `SELECT COALESCE(pg_filenode_relation(CASE WHEN b.reltablespace = d.dattablespace THEN 0 ELSE b.reltablespace END, b.relfilenode)::regclass::text,
                     'filenode ' || b.relfilenode) AS rel,
            count(*)::text AS blocks, sum(b.block_data_length)::text AS data, sum(b.block_fpi_length)::text AS fpi
       FROM pg_get_wal_block_info($1::pg_lsn, pg_current_wal_lsn(), false) b
       JOIN pg_database d ON d.oid = b.reldatabase AND d.datname = current_database()
      WHERE b.relforknumber = 0
      GROUP BY 1 ORDER BY sum(b.block_data_length + b.block_fpi_length) DESC LIMIT 24`,
    [fromLsn],
  );
  console.log(`\n  WAL by relation (pg_get_wal_block_info: block data and full-page images), per ${unit}:`);
  console.log(`  ${"blocks".padStart(7)} ${"data B".padStart(8)} ${"FPI B".padStart(8)}  relation`);
  for (const r of rows.rows) {
    console.log(
      `  ${fmt(Number(r.blocks) / per, 2).padStart(7)} ${fmt(Number(r.data) / per, 0).padStart(8)} ${fmt(Number(r.fpi) / per, 0).padStart(8)}  ${r.rel}`,
    );
  }
}

/**
 * The app's event-loop delay since the last call (the launcher prints and resets it on SIGUSR2,
 * app/lib/event-loop-delay.server.ts): how long a due callback, e.g. a delivery, waited for the loop.
 */
async function appEventLoopDelay(app: RunningChild): Promise<{ line: string; p99Ms: number; maxMs: number } | null> {
  const before = app.countLines("eventLoop");
  process.kill(app.pid, "SIGUSR2");
  const deadline = performance.now() + 5_000;
  while (app.countLines("eventLoop") === before && performance.now() < deadline) await sleep(20);
  const line = app.countLines("eventLoop") > before ? app.lastLine("eventLoop") : undefined;
  if (!line) return null;
  const number = (label: string) => Number(line.match(new RegExp(`${label} ([0-9.]+) ms`))?.[1] ?? NaN);
  return { line: line.replace(/^\[event-loop\] /, ""), p99Ms: number("p99"), maxMs: number("max") };
}

function describeLoad(name: string, result: LoadResult) {
  const latency = summarize(result.latenciesMs);
  const rate = (result.ok / result.elapsedMs) * 1000;
  log(
    `${name}: ${result.ok}/${result.requests} × 200 in ${seconds(result.elapsedMs)} → ${fmt(rate)} deliveries/s, ` +
      `p50 ${fmt(latency.p50, 2)} ms, p99 ${fmt(latency.p99, 2)} ms, max ${fmt(latency.max, 2)} ms; failures: ${formatFailures(result.failures)}`,
  );
  return { rate, latency };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
  return rows.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join("   ")).join("\n");
}

export async function run(options: BenchOptions): Promise<void> {
  const instances = intFrom("instances", 0);
  if (instances > 0) return runInstances(options, instances);
  const { n, c, warmup } = options;
  // development by default; the build served is the production build either way.
  const nodeEnv = (process.env.BENCH_NODE_ENV ?? "development") as "production" | "development";
  const workerConcurrency = process.env.JOB_WORKER_CONCURRENCY ?? "4";
  const poolSize = process.env.DATABASE_POOL_SIZE ?? "10";
  log(
    `N=${n}, C=${c}, warm-up ${warmup} per target (not measured), PostgreSQL ${options.durable ? "durable (fsync on)" : "throw-away (fsync off, synchronous_commit off)"}`,
  );

  // 1. Database: embedded server, migrated, seeded.
  let t = performance.now();
  const server = await startBenchDatabaseServer({ durable: options.durable });
  const databaseUrl = await server.createDatabase("creator_payouts_bench");
  await migrateDatabase(databaseUrl);
  await seed(databaseUrl);
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // pg-pool resolves end() before its sockets close; PostgreSQL stopping then must not crash the run.
  sql.on("error", () => {});
  onCleanup("close the benchmark's SQL pool", () => sql.end());
  log(
    `PostgreSQL ready, migrated and seeded (${SHOP_DOMAIN}, 10 % default plan, creator ${REFERRAL_CODE}) in ${seconds(performance.now() - t)}`,
  );

  // 2. Signed bodies: warm-up orders, then the measured ones.
  t = performance.now();
  const warmupBodies = buildBodies(warmup, FIRST_ORDER_ID - warmup);
  const runBodies = buildBodies(n, FIRST_ORDER_ID);
  const meanBody = runBodies.reduce((s, b) => s + b.body.length, 0) / Math.max(1, runBodies.length);
  log(`${warmup + n} signed orders/create bodies built (${fmt(meanBody / 1024)} KiB each) in ${seconds(performance.now() - t)}`);

  // 3. The two targets, as child processes.
  t = performance.now();
  const appPort = await freePort();
  const app: RunningChild = await startTsChild({
    name: "app",
    entry: "scripts/start.ts",
    // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=.data/profiles" to profile the app.
    nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean),
    env: {
      ...process.env,
      NODE_ENV: nodeEnv,
      // Required outside demo mode and the test suite; the webhook path seals nothing.
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString("base64")}`,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: poolSize,
      JOB_WORKER_CONCURRENCY: workerConcurrency,
      SHOPIFY_API_KEY: "bench-api-key",
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: `http://${HOST}:${appPort}`,
      HOST,
      PORT: String(appPort),
      CREATOR_PAYOUTS_DEMO: undefined,
    },
    ready: /Creator Payouts listening on (\S+)/,
    readyTimeoutMs: 10 * 60_000,
    echoUntilReady: true,
    watch: { jobWarnings: /^\[jobs\]/, eventLoop: /^\[event-loop\]/ },
  });
  log(
    `app started (launcher scripts/start.ts, NODE_ENV=${nodeEnv}, pool ${poolSize}, job worker concurrency ${workerConcurrency}, pid ${app.pid}) in ${seconds(performance.now() - t)}`,
  );
  const barePort = await freePort();
  const bare = await startTsChild({
    name: "bare",
    entry: "bench/bare-webhook-server.ts",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_SECRET: API_SECRET,
      HOST,
      PORT: String(barePort),
      BARE_POOL_SIZE: poolSize,
    },
    ready: /listening on/,
    readyTimeoutMs: 60_000,
  });
  log(`bare baseline started (node:http + pg pool ${poolSize}, pid ${bare.pid})`);

  await expectForgeryRefused("bare", barePort, runBodies[0] ?? warmupBodies[0]);
  await expectForgeryRefused("app", appPort, runBodies[0] ?? warmupBodies[0]);
  log("both targets refuse a forged signature with 401");

  const postgresPid = postmasterPid(server.dataDir);
  log(
    `machine: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} (1/5/15 min) before measuring; CPU of other processes is reported below`,
  );

  // 4. Baseline.
  if (warmup > 0)
    describeLoad("bare warm-up", await fireLoad({ host: HOST, port: barePort }, requestsFor("bare", "warmup", warmupBodies), c));
  await sql.query("CHECKPOINT");
  const bareDb0 = await dbCounters(sql);
  const bareCpu0 = cpuSnapshot(bare.pid, postgresPid);
  const bareResult = await fireLoad({ host: HOST, port: barePort }, requestsFor("bare", "run", runBodies), c);
  const bareCpu = cpuBetween(bareCpu0, cpuSnapshot(bare.pid, postgresPid));
  const bareDb = await dbCountersSince(sql, bareDb0);
  const bareFigures = describeLoad("bare measured", bareResult);
  const bareRows = Number(
    (await sql.query(`SELECT count(*) AS count FROM bench_bare_delivery WHERE id LIKE 'bench-bare-run-%'`)).rows[0].count,
  );
  if (bareRows !== bareResult.ok) throw new Error(`bare: ${bareResult.ok} deliveries acknowledged but ${bareRows} rows stored`);
  await bare.stop();

  // 5. The app, then its queued work.
  const workerOn = Number(workerConcurrency) > 0;
  if (warmup > 0) {
    describeLoad("app warm-up", await fireLoad({ host: HOST, port: appPort }, requestsFor("app", "warmup", warmupBodies), c));
    if (workerOn) {
      t = performance.now();
      const warm = await waitForDrain(sql, "warmup", warmup, 120_000);
      if (warm.timedOut) throw new Error(`the app's warm-up deliveries did not drain within 120 s (${warm.pending} still received)`);
      log(`app warm-up jobs drained in ${seconds(performance.now() - t)}`);
    }
  }
  await sql.query("CHECKPOINT");
  const appDb0 = await dbCounters(sql);
  await appEventLoopDelay(app); // resets it: the next reading covers the load alone
  const appCpu0 = cpuSnapshot(app.pid, postgresPid);
  const {
    result: appResult,
    cpuAtLastAck,
    backlogAtLastAck,
    maxBacklog,
  } = await fireAppLoad(sql, appPort, requestsFor("app", "run", runBodies), c, () => cpuSnapshot(app.pid, postgresPid));
  const loadLoopDelay = await appEventLoopDelay(app);
  const appFigures = describeLoad("app measured", appResult);
  const drainLimitMs = Math.max(120_000, appResult.elapsedMs * 30);
  const drained = workerOn ? await waitForDrain(sql, "run", appResult.ok, drainLimitMs) : null;
  const appCpuEnd = cpuSnapshot(app.pid, postgresPid);
  const appDb = await dbCountersSince(sql, appDb0);
  if (
    await sql.query(`CREATE EXTENSION IF NOT EXISTS pg_walinspect`).then(
      () => true,
      () => false,
    )
  ) {
    await printWalByRelation(sql, appDb0.walLsn, Math.max(1, appResult.ok), "delivery (ingestion + work, the run's window)");
  }
  const counts = await runStatusCounts(sql, FIRST_ORDER_ID, n);
  const queuedDrain = workerOn && drained && !drained.timedOut ? await measureQueuedDrain(sql, app, postgresPid, drainLimitMs) : null;

  // 6. Figures.
  const arrivalMs = appResult.finishedAtMs - appResult.startedAtMs;
  const arrivalRate = (appResult.ok / arrivalMs) * 1000;
  const lastProcessedAtMs = drained?.lastProcessedAtMs ?? null;
  const drainMs = lastProcessedAtMs === null ? NaN : lastProcessedAtMs - appResult.startedAtMs;
  const drainRate = !drained || drained.timedOut ? NaN : (appResult.ok / drainMs) * 1000;
  const tailMs = lastProcessedAtMs === null ? NaN : Math.max(0, lastProcessedAtMs - appResult.finishedAtMs);
  // Jobs worked after the last ack, over the time they took: the worker's rate with the CPU to itself.
  const tailRate = tailMs > 0 ? (backlogAtLastAck / tailMs) * 1000 : NaN;
  const ratio = appFigures.rate / bareFigures.rate;
  const keepsUp = !!drained && !drained.timedOut && drainRate >= arrivalRate;
  const check = (ok: boolean) => (ok ? "yes" : "NO");

  const row = (name: string, r: LoadResult, f: { rate: number; latency: LatencySummary }) => [
    name,
    fmt(f.rate),
    fmt(f.latency.p50, 2),
    fmt(f.latency.p90, 2),
    fmt(f.latency.p99, 2),
    fmt(f.latency.max, 2),
    String(r.requests - r.ok),
  ];
  console.log(
    `\nWebhook ingestion — N=${n}, C=${c}, ${options.durable ? "durable" : "throw-away"} embedded PostgreSQL, ` +
      `app NODE_ENV=${nodeEnv}, job worker concurrency ${workerConcurrency}, pools ${poolSize}, ${fmt(meanBody / 1024)} KiB bodies\n`,
  );
  console.log(
    table([
      ["target", "deliveries/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "failures"],
      row("bare node:http + HMAC + INSERT", bareResult, bareFigures),
      row("app (launcher: webhook fast path + queue)", appResult, appFigures),
    ]),
  );
  if (bareResult.failures.size + appResult.failures.size > 0) {
    console.log(`failures: bare ${formatFailures(bareResult.failures)}; app ${formatFailures(appResult.failures)}`);
  }
  console.log(`\nratio app/bare                 ${ratio.toFixed(3)}`);
  console.log(`app event-loop delay, load   ${loadLoopDelay?.line ?? "not reported"}`);

  console.log(`\nqueued work (inbound events, drained by drain_inbound_events) for the app's ${appResult.ok} deliveries:`);
  console.log(`  arrival rate                 ${fmt(arrivalRate)} /s  (first send → last ack ${seconds(arrivalMs)})`);
  if (!drained) {
    console.log(`  job worker disabled (JOB_WORKER_CONCURRENCY=0): ingestion only, ${counts.byStatus.received ?? 0} events left queued`);
  } else {
    console.log(`  backlog                      ${backlogAtLastAck} still 'received' at the last ack (max sampled ${maxBacklog})`);
    console.log(
      drained.timedOut
        ? `  drain                        NOT finished within ${seconds(drainLimitMs)}: ${drained.pending} still 'received'`
        : `  drain                        last event processed ${seconds(tailMs)} after the last ack (${seconds(drainMs)} after the first send)`,
    );
    console.log(`  drain rate                   ${fmt(drainRate)} /s  (N / first send → last event processed)`);
    if (Number.isFinite(tailRate)) console.log(`  worker rate after the load   ${fmt(tailRate)} /s  (backlog at last ack / drain tail)`);
    console.log(
      `  events by status             ${
        Object.entries(counts.byStatus)
          .map(([s, k]) => `${s} ${k}`)
          .join(", ") || "none"
      }`,
    );
    console.log(`  commissions created          ${counts.commissions} of ${n}${counts.commissions === n ? "" : "  ← MISMATCH"}`);
  }
  console.log(`  job warnings logged          ${app.countLines("jobWarnings")}`);

  const perDelivery = (ms: number, deliveries: number) => fmt(ms / Math.max(1, deliveries), 3);
  const cpuRow = (name: string, w: CpuWindow, deliveries: number) => [
    name,
    seconds(w.wallMs),
    perDelivery(w.loadGenMs, deliveries),
    perDelivery(w.serverMs, deliveries),
    perDelivery(w.postgresMs, deliveries),
    `${fmt((100 * (w.loadGenMs + w.serverMs + w.postgresMs + w.othersMs)) / w.wallMs, 0)} %`,
    `${fmt((100 * w.othersMs) / w.wallMs, 0)} %`,
  ];
  const appIngestCpu = cpuBetween(appCpu0, cpuAtLastAck);
  const appTailCpu = cpuBetween(cpuAtLastAck, appCpuEnd);
  console.log(`\nCPU, in ms per delivery (machine: 2 cores = 200 %):\n`);
  console.log(
    table([
      ["window", "wall", "load gen", "server", "PostgreSQL", "machine busy", "other processes"],
      cpuRow("bare: load", bareCpu, bareResult.ok),
      cpuRow("app: load (ingest + worker)", appIngestCpu, appResult.ok),
      ...(drained ? [cpuRow("app: drain tail (worker)", appTailCpu, appResult.ok)] : []),
      cpuRow("app: whole run", cpuBetween(appCpu0, appCpuEnd), appResult.ok),
    ]),
  );
  const dbLine = (d: { writeTransactions: number; walBytes: number }, deliveries: number) =>
    `${(d.writeTransactions / Math.max(1, deliveries)).toFixed(2)} write transactions, ${fmt(d.walBytes / Math.max(1, deliveries) / 1024)} KiB WAL`;
  console.log(`\ndatabase work per delivery (whole window):`);
  console.log(`  bare                         ${dbLine(bareDb, bareResult.ok)}`);
  console.log(
    `  app                          ${dbLine(appDb, appResult.ok)} (ingestion${drained ? " + queued work" : " only: worker disabled"})`,
  );

  if (queuedDrain) {
    const q = queuedDrain;
    const per = (value: number) => fmt(value / Math.max(1, q.queued), 3);
    console.log(
      `\norder work alone (${q.queued} copies of the run's deliveries queued at once, drained with no ingestion beside it):\n` +
        `  drained                      ${q.drained.timedOut ? `NOT within the limit (${q.drained.pending} still received)` : `in ${seconds(q.cpu.wallMs)} → ${fmt((q.queued / q.cpu.wallMs) * 1000)} orders/s`}, ${q.commissions} commissions\n` +
        `  per order worked             app CPU ${per(q.cpu.serverMs)} ms, PostgreSQL CPU ${per(q.cpu.postgresMs)} ms, ` +
        `${(q.db.writeTransactions / Math.max(1, q.queued)).toFixed(3)} write transactions, ${fmt(q.db.walBytes / Math.max(1, q.queued) / 1024)} KiB WAL\n` +
        `  app event-loop delay         ${q.loopDelay?.line ?? "not reported"}\n` +
        `  machine                      ${fmt((100 * (q.cpu.serverMs + q.cpu.postgresMs + q.cpu.othersMs)) / q.cpu.wallMs, 0)} % busy, other processes ${fmt((100 * q.cpu.othersMs) / q.cpu.wallMs, 0)} %`,
    );
  }

  console.log(
    `\ngoals: ratio ≥ ${GOALS.ratio}: ${check(ratio >= GOALS.ratio)} (${ratio.toFixed(3)})  ·  ` +
      `p99 ≤ ${GOALS.p99Ms} ms: ${check(appFigures.latency.p99 <= GOALS.p99Ms)} (${fmt(appFigures.latency.p99, 2)} ms)  ·  ` +
      `drains ≥ arrival: ${drained ? `${check(keepsUp)} (${fmt(drainRate)} vs ${fmt(arrivalRate)} /s)` : "not measured (worker disabled)"}`,
  );

  const wholeRun = cpuBetween(appCpu0, appCpuEnd);
  record({ name: "app / bare deliveries per second", value: ratio, unit: "×", goal: "ingestion.ratio" });
  record({ name: `app ingestion p99, C=${c}`, value: appFigures.latency.p99, unit: "ms", goal: "ingestion.p99" });
  record({ name: "app deliveries per second", value: appFigures.rate, unit: "/s" });
  record({ name: `app event-loop delay p99 during the load`, value: loadLoopDelay?.p99Ms ?? NaN, unit: "ms" });
  record({ name: `app event-loop delay max during the load`, value: loadLoopDelay?.maxMs ?? NaN, unit: "ms" });
  record({ name: "bare baseline deliveries per second", value: bareFigures.rate, unit: "/s" });
  // Per order worked: the whole window (ingestion + the worker) over the orders, as the issue measures it.
  const worked = drained && !drained.timedOut ? appResult.ok : NaN;
  // Goal 1 is the cost of working an order: the queued drain, with no ingestion in the window.
  const queuedWorked = queuedDrain && !queuedDrain.drained.timedOut ? queuedDrain.queued : NaN;
  record({
    name: "app CPU per order worked (queued drain)",
    value: (queuedDrain?.cpu.serverMs ?? NaN) / queuedWorked,
    unit: "ms",
    goal: "drain.app-cpu-per-order",
  });
  record({
    name: "PostgreSQL CPU per order worked (queued drain)",
    value: (queuedDrain?.cpu.postgresMs ?? NaN) / queuedWorked,
    unit: "ms",
    goal: "drain.postgres-cpu-per-order",
  });
  record({ name: "WAL per order worked (queued drain)", value: (queuedDrain?.db.walBytes ?? NaN) / queuedWorked / 1024, unit: "KiB" });
  record({ name: "app CPU per delivery (ingest + work)", value: wholeRun.serverMs / worked, unit: "ms" });
  record({ name: "PostgreSQL CPU per delivery (ingest + work)", value: wholeRun.postgresMs / worked, unit: "ms" });
  record({
    name: "WAL per delivery (ingest + work)",
    value: appDb.walBytes / Math.max(1, appResult.ok) / 1024,
    unit: "KiB",
    goal: "drain.wal-per-delivery",
  });
  record({ name: "drain rate / arrival rate", value: drainRate / arrivalRate, unit: "×", goal: "drain.rate-over-arrival" });
  record({
    name: "other processes' CPU during the app's run",
    value: (100 * wholeRun.othersMs) / wholeRun.wallMs,
    unit: "%",
    note: "100 % = one core",
  });
  const failures = [
    appResult.ok !== n && `app acknowledged ${appResult.ok} of ${n}`,
    bareResult.ok !== n && `bare acknowledged ${bareResult.ok} of ${n}`,
    drained?.timedOut && "the app's queued work did not drain",
    drained && counts.commissions !== n && `${counts.commissions} commissions for ${n} orders`,
    queuedDrain?.drained.timedOut && "the queued drain did not finish",
    queuedDrain &&
      queuedDrain.commissions !== queuedDrain.queued &&
      `${queuedDrain.commissions} commissions for ${queuedDrain.queued} queued orders`,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.log(`\nlast app output:\n${app.recentOutput()}`);
    throw new Error(`webhook-ingestion run invalid: ${failures.join("; ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Several instances (`--instances K`): K web-only app processes (the launcher with
// JOB_WORKER_CONCURRENCY=0, each on its own port) and one worker-only process (`npm run worker`,
// scripts/worker.ts) on one database, as the README's deployment section runs them. Deliveries
// are spread round-robin over the instances; the worker drains the inbound events. Reports each
// process's rate and CPU, and checks that every delivery was processed exactly once.

interface Process {
  name: string;
  child: RunningChild;
  port?: number;
}

function appEnv(databaseUrl: string, port: number, jobConcurrency: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: (process.env.BENCH_NODE_ENV ?? "development") as "development",
    ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString("base64")}`,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "10",
    JOB_WORKER_CONCURRENCY: jobConcurrency,
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: `http://${HOST}:${port}`,
    HOST,
    PORT: String(port),
    CREATOR_PAYOUTS_DEMO: undefined,
  };
}

/** Request i goes to instance i mod K; each instance gets C/K connections (C in all). */
async function fireRoundRobin(ports: number[], requests: PreparedRequest[], c: number) {
  const perInstance = ports.map((_, k) => requests.filter((_, i) => i % ports.length === k));
  const connections = Math.max(1, Math.round(c / ports.length));
  const results = await Promise.all(ports.map((port, k) => fireLoad({ host: HOST, port }, perInstance[k], connections)));
  const failures = new Map<string, number>();
  for (const r of results) for (const [kind, count] of r.failures) failures.set(kind, (failures.get(kind) ?? 0) + count);
  const latencies = new Float64Array(results.reduce((sum, r) => sum + r.latenciesMs.length, 0));
  let offset = 0;
  for (const r of results) {
    latencies.set(r.latenciesMs, offset);
    offset += r.latenciesMs.length;
  }
  const merged: LoadResult = {
    requests: requests.length,
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    failures,
    latenciesMs: latencies,
    startedAtMs: Math.min(...results.map((r) => r.startedAtMs)),
    finishedAtMs: Math.max(...results.map((r) => r.finishedAtMs)),
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
  };
  return { merged, perInstance: results };
}

/** Every delivery of the run processed exactly once: one event, one order, one commission, one earn posting each. */
async function exactlyOnce(client: pg.Pool, firstOrderId: number, n: number) {
  const { rows } = await client.query<Record<string, string>>(
    `WITH events AS (
       SELECT count(*) AS total, count(*) FILTER (WHERE "status" = 'processed') AS processed,
              count(DISTINCT "deliveryId") AS distinct_ids
         FROM "InboundEvent" WHERE "source" = 'shopify' AND "deliveryId" LIKE 'bench-app-run-%'),
     orders AS (
       SELECT o."id", o."shopifyOrderId" FROM "AttributedOrder" o
        WHERE o."shopifyOrderId" ~ '^[0-9]+$' AND o."shopifyOrderId"::bigint BETWEEN $1 AND $2),
     commissions AS (SELECT c."id" FROM "Commission" c JOIN orders o ON o."id" = c."orderId"),
     earns AS (
       SELECT c."id", count(t."id") AS postings FROM commissions c
         LEFT JOIN "LedgerTransaction" t
           ON t."subjectType" = 'commission' AND t."subjectId" = c."id" AND t."kind" = 'earn_commission'
        GROUP BY c."id")
     SELECT (SELECT total FROM events) AS events, (SELECT processed FROM events) AS processed,
            (SELECT distinct_ids FROM events) AS distinct_events,
            (SELECT count(*) FROM orders) AS orders, (SELECT count(DISTINCT "shopifyOrderId") FROM orders) AS distinct_orders,
            (SELECT count(*) FROM commissions) AS commissions,
            (SELECT count(*) FROM earns WHERE postings = 1) AS earned_once,
            (SELECT count(*) FROM earns WHERE postings > 1) AS earned_twice`,
    [firstOrderId, firstOrderId + n - 1],
  );
  const counts = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  const expected = {
    events: n,
    processed: n,
    distinct_events: n,
    orders: n,
    distinct_orders: n,
    commissions: n,
    earned_once: n,
    earned_twice: 0,
  };
  const wrong = Object.entries(expected).filter(([k, v]) => counts[k] !== v);
  return { counts, ok: wrong.length === 0, wrong: wrong.map(([k, v]) => `${k} ${counts[k]} (expected ${v})`) };
}

async function runInstances(options: BenchOptions, instances: number): Promise<void> {
  const { n, c, warmup } = options;
  const workerConcurrency = process.env.JOB_WORKER_CONCURRENCY ?? "4";
  log(`--instances ${instances}: ${instances} web-only app processes + 1 worker-only process, N=${n}, C=${c} spread round-robin`);

  const t = performance.now();
  const server = await startBenchDatabaseServer({ durable: options.durable });
  const databaseUrl = await server.createDatabase("creator_payouts_bench");
  await migrateDatabase(databaseUrl);
  await seed(databaseUrl);
  // One key for every process, as one deployment has.
  process.env.ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString("base64")}`;
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sql.on("error", () => {});
  onCleanup("close the benchmark's SQL pool", () => sql.end());
  log(`PostgreSQL ready, migrated and seeded in ${seconds(performance.now() - t)}`);
  const warmupBodies = buildBodies(warmup, FIRST_ORDER_ID - warmup);
  const runBodies = buildBodies(n, FIRST_ORDER_ID);

  // One after another: each launcher migrates (nothing pending after the first) and checks the build.
  const apps: Process[] = [];
  for (let k = 0; k < instances; k++) {
    const port = await freePort();
    const child = await startTsChild({
      name: `app ${k + 1}`,
      entry: "scripts/start.ts",
      env: appEnv(databaseUrl, port, "0"),
      ready: /Creator Payouts listening on (\S+)/,
      readyTimeoutMs: 10 * 60_000,
      echoUntilReady: k === 0,
    });
    apps.push({ name: `app ${k + 1} (web only)`, child, port });
  }
  const ports = apps.map((a) => a.port!);
  await expectForgeryRefused("app 1", ports[0], runBodies[0] ?? warmupBodies[0]);

  // Warm-up through the web instances only, and drained, before the worker is measured.
  const worker: Process = {
    name: `worker (concurrency ${workerConcurrency})`,
    child: await startTsChild({
      name: "worker",
      entry: "scripts/worker.ts",
      env: appEnv(databaseUrl, 0, workerConcurrency),
      ready: /Creator Payouts worker running/,
      readyTimeoutMs: 120_000,
      watch: { jobWarnings: /^\[jobs\]/ },
    }),
  };
  log(`${instances} app processes (pids ${apps.map((a) => a.child.pid).join(", ")}) and the worker (pid ${worker.child.pid}) started`);
  if (warmup > 0) {
    describeLoad("warm-up", (await fireRoundRobin(ports, requestsFor("app", "warmup", warmupBodies), c)).merged);
    const warm = await waitForDrain(sql, "warmup", warmup, 180_000);
    if (warm.timedOut) throw new Error(`the warm-up deliveries did not drain within 180 s (${warm.pending} still received)`);
  }

  const postgresPid = postmasterPid(server.dataDir);
  const everyone = [...apps, worker];
  const cpuOf = () => everyone.map((p) => processCpuMs(p.child.pid));
  const cpu0 = cpuOf();
  const machine0 = cpuSnapshot(worker.child.pid, postgresPid);
  const { merged, perInstance } = await fireRoundRobin(ports, requestsFor("app", "run", runBodies), c);
  const cpuAtLastAck = cpuOf();
  const overall = describeLoad(`${instances} instances measured`, merged);
  const drained = await waitForDrain(sql, "run", merged.ok, Math.max(180_000, merged.elapsedMs * 30));
  const cpuEnd = cpuOf();
  const machine = cpuBetween(machine0, cpuSnapshot(worker.child.pid, postgresPid));
  const once = await exactlyOnce(sql, FIRST_ORDER_ID, n);

  const arrivalMs = merged.finishedAtMs - merged.startedAtMs;
  const arrivalRate = (merged.ok / arrivalMs) * 1000;
  const drainMs = drained.lastProcessedAtMs === null ? NaN : drained.lastProcessedAtMs - merged.startedAtMs;
  const drainRate = drained.timedOut ? NaN : (merged.ok / drainMs) * 1000;

  console.log(
    `\nWebhook ingestion, ${instances} instances + 1 worker — N=${n}, C=${c} (${Math.max(1, Math.round(c / instances))} per instance)\n`,
  );
  const rows: string[][] = [["process", "deliveries", "rate /s", "p99 ms", "CPU during load", "CPU ms / delivery", "CPU after load"]];
  apps.forEach((app, k) => {
    const r = perInstance[k];
    const ingestMs = cpuAtLastAck[k] - cpu0[k];
    rows.push([
      app.name,
      String(r.ok),
      fmt((r.ok / r.elapsedMs) * 1000),
      fmt(summarize(r.latenciesMs).p99, 2),
      seconds(ingestMs),
      fmt(ingestMs / Math.max(1, r.ok), 3),
      seconds(cpuEnd[k] - cpuAtLastAck[k]),
    ]);
  });
  const w = everyone.length - 1;
  const workerMs = cpuEnd[w] - cpu0[w];
  rows.push([
    worker.name,
    `${merged.ok} drained`,
    `${fmt(drainRate)} drained`,
    "–",
    seconds(cpuAtLastAck[w] - cpu0[w]),
    `${fmt(workerMs / Math.max(1, merged.ok), 3)} / order`,
    seconds(cpuEnd[w] - cpuAtLastAck[w]),
  ]);
  console.log(table(rows));
  console.log(`\narrival rate (all instances)   ${fmt(arrivalRate)} /s  (first send → last ack ${seconds(arrivalMs)})`);
  console.log(
    drained.timedOut
      ? `drain                          NOT finished: ${drained.pending} still 'received'`
      : `drain rate (the worker)        ${fmt(drainRate)} /s  (N / first send → last event processed, ${seconds(drainMs)})`,
  );
  console.log(`PostgreSQL CPU per delivery   ${fmt(machine.postgresMs / Math.max(1, merged.ok), 3)} ms (whole window, ingest + work)`);
  console.log(`other processes' CPU           ${fmt((100 * machine.othersMs) / machine.wallMs, 0)} % (100 % = one core)`);
  console.log(
    `exactly once                   ${once.ok ? "yes" : "NO"}: ${Object.entries(once.counts)
      .map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`)
      .join(", ")}`,
  );
  console.log(`job warnings logged            ${worker.child.countLines("jobWarnings")}`);

  record({ name: `${instances} instances: deliveries per second`, value: overall.rate, unit: "/s" });
  record({ name: `${instances} instances: ingestion p99, C=${c}`, value: overall.latency.p99, unit: "ms" });
  record({ name: `${instances} instances: worker drain rate`, value: drainRate, unit: "/s" });
  record({ name: `${instances} instances: drain rate / arrival rate`, value: drainRate / arrivalRate, unit: "×" });
  record({ name: `${instances} instances: every event processed exactly once`, value: once.ok ? 1 : 0, unit: "", note: "1 = yes" });
  const failures = [
    merged.ok !== n && `acknowledged ${merged.ok} of ${n}`,
    drained.timedOut && "the queued work did not drain",
    !once.ok && `not exactly once: ${once.wrong.join(", ")}`,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.log(`\nlast worker output:\n${worker.child.recentOutput()}`);
    throw new Error(`webhook-ingestion --instances run invalid: ${failures.join("; ")}`);
  }
}
