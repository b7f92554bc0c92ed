// Creator portal at scale: one shop with 10,000 creators × ITEMS commissions each (payout-run's
// set-based seed), every creator linked to a storefront customer; the MEASURED creators also get
// paid payouts (a share of their commissions) and referral clicks. Then the app (launcher child,
// production mode) serves the portal fragment GET /proxy/portal through real HTTP with valid
// app-proxy signatures, as Shopify's proxy would call it: p50/p95 over N requests at concurrency C.
// Requests rotate over the measured creators so no customer passes the portal's read limit
// (120 a minute): the rate-limit upsert stays in the measured path.
import { createHmac } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDatabase } from "../scripts/migrate-database";
import { seed } from "./payout-run";
import { BENCH_HOST, startBenchApp } from "./support/bench-app";
import { cpuBetween, cpuSnapshot, postmasterPid } from "./support/cpu";
import { startBenchDatabaseServer, withClient } from "./support/database";
import { fireLoad, formatFailures, summarize, type PreparedRequest } from "./support/load";
import { intFrom, type BenchOptions } from "./support/options";
import { log, seconds } from "./support/console";
import { GOALS } from "./goals";
import { record } from "./summary";

const SHOP_ID = "sh_bench";
const SHOP_DOMAIN = "bench-shop.myshopify.com";
const API_KEY = "bench-api-key";
const API_SECRET = "bench-api-secret-0123456789";
const HOST = BENCH_HOST;
const GOAL_P95_MS = GOALS["portal.p95"].limit;
const CUSTOMER_BASE = 9_000_000_000;

/** Customers, payouts and clicks on top of payout-run's seed, set-based. */
async function seedPortal(url: string, items: number, measured: number) {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    const step = async (label: string, statement: string) => {
      const t = performance.now();
      const result = await sql.query(statement);
      log(`  seed ${label.padEnd(28)} ${String(result.rowCount ?? "").padStart(9)} rows  ${seconds(performance.now() - t)}`);
    };
    await sql.query("BEGIN");
    await step(
      "customers",
      `UPDATE "Creator" SET "shopifyCustomerId" = (${CUSTOMER_BASE} + substring("id" from 5)::bigint)::text WHERE "shopId" = '${SHOP_ID}'`,
    );
    await step(
      "session",
      `INSERT INTO "Session" ("id", "shop", "state", "isOnline", "scope", "accessToken")
      VALUES ('offline_${SHOP_DOMAIN}', '${SHOP_DOMAIN}', '', false, 'read_orders,read_customers,read_discounts,read_products', 'shpat_bench')`,
    );
    // Measured creator k owns commissions n in ((k-1)·items, k·items]; payout j (1–3) of creator k
    // pays those with n % 4 = j - 1 (reserve then pay offline), leaving a quarter payable.
    const measuredItems = `FROM generate_series(1::bigint, ${measured * items}) n WHERE n % 4 <> 3`;
    const payoutOf = `'po_b' || (1 + (n - 1) / ${items}) || '_' || (n % 4 + 1)`;
    await step(
      "payouts",
      `
      INSERT INTO "Payout" ("id", "shopId", "creatorId", "currency", "status", "invoiceNumber", "invoiceLabel", "createdBy", "channel",
        "offlineMethod", "offlineReference", "paidOn", "paidAt", "createdAt", "updatedAt")
      SELECT 'po_b' || k || '_' || j, '${SHOP_ID}', 'cr_b' || lpad(k::text, 6, '0'), 'USD', 'paid', (k - 1) * 3 + j,
        'CP-' || lpad(((k - 1) * 3 + j)::text, 5, '0'), 'bench', 'offline', 'bank transfer', 'REF-' || k || '-' || j,
        date '2026-10-01' + j * 7, timestamp '2026-10-01' + j * interval '7 days', timestamp '2026-10-01' + j * interval '7 days', now()
      FROM generate_series(1, ${measured}) k CROSS JOIN generate_series(1, 3) j`,
    );
    await step(
      "payout items",
      `
      INSERT INTO "PayoutItem" ("id", "shopId", "payoutId", "payableItemId", "amountMinor", "currency")
      SELECT 'pi_b' || n, '${SHOP_ID}', ${payoutOf}, 'pa_b' || n, p."amountMinor", 'USD'
      ${measuredItems.replace("WHERE", 'JOIN "PayableItem" p ON p."id" = \'pa_b\' || n WHERE')}`,
    );
    await step(
      "payout audit events",
      `
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "action", "subjectType", "subjectId", "occurredAt")
      SELECT 'ev_bp' || x || n, '${SHOP_ID}', 'staff', 'payout.' || x, 'payout', ${payoutOf}, now()
      ${measuredItems.replace("WHERE", "CROSS JOIN (VALUES ('reserved'), ('paid')) AS v(x) WHERE")}`,
    );
    await step(
      "payout transactions",
      `
      INSERT INTO "LedgerTransaction" ("id", "shopId", "idempotencyKey", "kind", "subjectType", "subjectId", "auditEventId")
      SELECT 'ltx_bp' || x || n, '${SHOP_ID}', 'bench:ltx_bp' || x || n,
        (CASE x WHEN 'reserved' THEN 'reserve_for_payout' ELSE 'pay_offline' END)::"LedgerTransactionKind", 'payout', ${payoutOf}, 'ev_bp' || x || n
      ${measuredItems.replace("WHERE", "CROSS JOIN (VALUES ('reserved'), ('paid')) AS v(x) WHERE")}`,
    );
    await step(
      "payout entries",
      `
      INSERT INTO "LedgerEntry" ("id", "shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT 'le_bp' || e.k || n, '${SHOP_ID}', 'ltx_bp' || e.t || n, e.account::"LedgerAccount",
        CASE WHEN e.account = 'paid_offline' THEN NULL ELSE 'cr_b' || lpad((1 + (n - 1) / ${items})::text, 6, '0') END, 'USD', e.sign * p."amountMinor"
      FROM generate_series(1::bigint, ${measured * items}) n
      JOIN "PayableItem" p ON p."id" = 'pa_b' || n
      CROSS JOIN (VALUES ('rp', 'reserved', 'payable', -1), ('ri', 'reserved', 'in_payout', 1),
                         ('pi', 'paid', 'in_payout', -1), ('po', 'paid', 'paid_offline', 1)) AS e(k, t, account, sign)
      WHERE n % 4 <> 3`,
    );
    await step(
      "commissions paid",
      `UPDATE "Commission" SET "status" = 'paid' WHERE "shopId" = '${SHOP_ID}' AND "id" IN (SELECT 'cm_b' || n ${measuredItems})`,
    );
    await step(
      "referral clicks",
      `
      INSERT INTO "ReferralClick" ("shopId", "creatorId", "code", "visitorHash", "day")
      SELECT '${SHOP_ID}', 'cr_b' || lpad(k::text, 6, '0'), 'B' || k, md5(k || ':' || v), date '2026-09-01' + (v % 80)
      FROM generate_series(1, ${measured}) k CROSS JOIN generate_series(1, 1000) v`,
    );
    await sql.query("COMMIT");
    await sql.query("VACUUM ANALYZE");
  } finally {
    await sql.end();
  }
}

async function resetStatements(url: string) {
  await withClient(url, async (sql) => {
    await sql.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await sql.query("SELECT pg_stat_statements_reset()");
  });
}

/**
 * A fresh rate-limit window for the bench's customers: the kept database remembers the last run's
 * hits, so a run started within the same minute would be answered 429 past the portal's read limit.
 */
async function clearPortalReadLimits(url: string) {
  await withClient(url, (sql) => sql.query(`DELETE FROM "RateLimitBucket" WHERE "key" LIKE $1`, [`portal-read:${SHOP_ID}:%`]));
}

/** The app's statements since the reset, per portal request: calls, plannings, planning and execution time. */
async function statementsPerRequest(url: string, requests: number) {
  return withClient(url, async (sql) => {
    const { rows } = await sql.query<{ calls: string; plans: string; plan: number; exec: number; toplevel: boolean; query: string }>(`
      SELECT calls, plans, total_plan_time AS plan, total_exec_time AS exec, toplevel, regexp_replace(query, '\\s+', ' ', 'g') AS query
      FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query !~* 'pg_stat_statements'
      ORDER BY total_plan_time + total_exec_time DESC LIMIT 15`);
    return rows.map((row) => ({
      calls: Number(row.calls) / requests,
      plans: Number(row.plans) / requests,
      planMs: row.plan / requests,
      execMs: row.exec / requests,
      nested: !row.toplevel,
      query: `${row.toplevel ? "" : "(nested) "}${row.query}`.slice(0, 140),
    }));
  });
}

function signedPath(customerId: string): string {
  const params = new URLSearchParams({
    locale: "en",
    show_balances: "true",
    shop: SHOP_DOMAIN,
    logged_in_customer_id: customerId,
    path_prefix: "/apps/creator-payouts",
    timestamp: String(Math.floor(Date.now() / 1000)),
  });
  const message = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("");
  params.set("signature", createHmac("sha256", API_SECRET).update(message).digest("hex"));
  return `/proxy/portal?${params.toString()}`;
}

function portalRequests(count: number, measured: number, offset: number, loggedOut = false): PreparedRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    method: "GET",
    path: signedPath(loggedOut ? "" : String(CUSTOMER_BASE + 1 + ((i + offset) % measured))),
    headers: { Accept: "text/html", "X-Forwarded-Host": SHOP_DOMAIN, "X-Forwarded-For": "203.0.113.9" },
    body: Buffer.alloc(0),
  }));
}

export async function run(options: BenchOptions): Promise<void> {
  const creators = intFrom("creators", 10_000);
  const items = intFrom("items", 20);
  const measured = intFrom("measured", 10);
  const n = intFrom("portal-n", 500);
  const c = intFrom("portal-c", 10);
  log(
    `${creators} creators × ${items} commissions; ${measured} measured creators with 3 paid payouts and 1,000 clicks each; ${n} GETs at concurrency ${c}`,
  );
  // --keep-db=1: keep the seeded database in .data/portal-<creators>-<items>-<measured> and reuse it
  // next time (the seed takes minutes); pending migrations still run on the kept one.
  const keep = intFrom("keep-db", 0) > 0;
  let t = performance.now();
  const keepIn = `portal-${creators}-${items}-${measured}`;
  // Planning time too: the page statement is named (planned once per connection) only while
  // PostgreSQL keeps its generic plan; track_planning shows whether it re-plans per request.
  const server = await startBenchDatabaseServer({
    durable: options.durable,
    keepIn: keep ? keepIn : undefined,
    settings: ["pg_stat_statements.track_planning=on"],
  });
  const url = await server.createDatabase("portal");
  await migrateDatabase(url);
  log(`PostgreSQL ready and migrated in ${seconds(performance.now() - t)}`);
  const seeded = await withClient(url, (sql) => sql.query(`SELECT 1 FROM "Session" WHERE "shop" = '${SHOP_DOMAIN}'`));
  if (seeded.rowCount === 0) {
    t = performance.now();
    await seed(url, creators, items);
    await seedPortal(url, items, measured);
    log(`seeded in ${seconds(performance.now() - t)}`);
  } else {
    log(`reusing the seeded database in .data/${keepIn}`);
  }
  const postgresPid = postmasterPid(server.dataDir);

  const { app, port } = await startBenchApp({ databaseUrl: url, apiKey: API_KEY, apiSecret: API_SECRET });
  try {
    await clearPortalReadLimits(url);
    // Warm-up at the measured concurrency, so every pooled connection has parsed the page statement
    // and settled on its cached generic plan (PostgreSQL plans a named statement afresh for its
    // first five executions on a connection, then compares costs): a running instance's connections
    // are past that, and one at a time the warm-up used one connection only.
    const warm = await fireLoad({ host: HOST, port }, portalRequests(Math.max(measured * 2, c * 8), measured, 0), c);
    if (warm.ok !== warm.requests) throw new Error(`warm-up failed: ${formatFailures(warm.failures)}\n${app.recentOutput()}`);
    // Signed just before sending: Shopify's library refuses timestamps more than 90 s old.
    await resetStatements(url);
    const cpu0 = cpuSnapshot(app.pid, postgresPid);
    const result = await fireLoad({ host: HOST, port }, portalRequests(n, measured, 0), c);
    const cpu = cpuBetween(cpu0, cpuSnapshot(app.pid, postgresPid));
    const statements = await statementsPerRequest(url, result.requests);
    const latency = summarize(result.latenciesMs);
    const sorted = Float64Array.from(result.latenciesMs).sort();
    const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)];
    log(`portal fragment GET: ${result.ok}/${result.requests} ok (failures: ${formatFailures(result.failures)})`);
    log(
      `  p50 ${latency.p50.toFixed(1)} ms · p95 ${p95.toFixed(1)} ms · p99 ${latency.p99.toFixed(1)} ms · max ${latency.max.toFixed(1)} ms · ${(result.requests / (result.elapsedMs / 1000)).toFixed(0)} req/s`,
    );
    // CPU per request: steadier than latency on a shared machine (others' share printed beside it).
    log(
      `  CPU per request: app ${(cpu.serverMs / result.requests).toFixed(2)} ms · PostgreSQL ${(cpu.postgresMs / result.requests).toFixed(2)} ms · load generator ${(cpu.loadGenMs / result.requests).toFixed(2)} ms · other processes ${(cpu.othersMs / (cpu.wallMs / 1000) / 10).toFixed(0)} % of one CPU`,
    );
    log(
      `  statements per request (pg_stat_statements over the c=10 run; calls, plannings (a statement on a cached generic plan is not planned again), plan + execution time, nested ones marked):`,
    );
    for (const row of statements) {
      log(
        `    ${row.calls.toFixed(2).padStart(6)}× ${row.plans.toFixed(2).padStart(5)} planned ${row.planMs.toFixed(3).padStart(7)} ms plan ${row.execMs.toFixed(3).padStart(7)} ms exec  ${row.query}`,
      );
    }
    record({
      name: "portal statements per request",
      value: statements.filter((row) => !row.nested).reduce((sum, row) => sum + row.calls, 0),
      unit: "",
    });
    record({ name: "portal app CPU per request", value: cpu.serverMs / result.requests, unit: "ms" });
    record({ name: "portal PostgreSQL CPU per request", value: cpu.postgresMs / result.requests, unit: "ms" });
    log(`goal p95 ≤ ${GOAL_P95_MS} ms: ${p95 <= GOAL_P95_MS && result.ok === result.requests ? "met" : "NOT met"}`);
    record({ name: `portal p95, c=${c}`, value: result.ok === result.requests ? p95 : NaN, unit: "ms", goal: "portal.p95" });
    // Service time without queueing: one request at a time.
    await clearPortalReadLimits(url);
    const serial = await fireLoad({ host: HOST, port }, portalRequests(100, measured, 0), 1);
    const serialSorted = Float64Array.from(serial.latenciesMs).sort();
    log(
      `one at a time (c=1, 100 GETs): ${serial.ok}/${serial.requests} ok · p50 ${summarize(serial.latenciesMs).p50.toFixed(1)} ms · p95 ${serialSorted[Math.max(0, Math.ceil(0.95 * serialSorted.length) - 1)].toFixed(1)} ms`,
    );
    record({ name: "portal p95, c=1", value: serialSorted[Math.max(0, Math.ceil(0.95 * serialSorted.length) - 1)], unit: "ms" });
    // Baseline on the same server: a logged-out visitor's fragment (signature check, shop lookup,
    // no creator data), to tell the framework's share from the portal's queries on a busy machine.
    const baseCpu0 = cpuSnapshot(app.pid, postgresPid);
    const base = await fireLoad({ host: HOST, port }, portalRequests(n, measured, 0, true), c);
    const baseCpu = cpuBetween(baseCpu0, cpuSnapshot(app.pid, postgresPid));
    const baseLatency = summarize(base.latenciesMs);
    const baseSorted = Float64Array.from(base.latenciesMs).sort();
    log(
      `baseline (logged-out fragment): ${base.ok}/${base.requests} ok · p50 ${baseLatency.p50.toFixed(1)} ms · p95 ${baseSorted[Math.max(0, Math.ceil(0.95 * baseSorted.length) - 1)].toFixed(1)} ms · CPU per request: app ${(baseCpu.serverMs / base.requests).toFixed(2)} ms, PostgreSQL ${(baseCpu.postgresMs / base.requests).toFixed(2)} ms`,
    );
  } finally {
    await app.stop();
  }
}
