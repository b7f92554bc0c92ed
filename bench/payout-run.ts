// Payout run at scale: a shop with CREATORS creators × ITEMS approved commissions each (default
// 10,000 × 100 = 1,000,000), seeded once with set-based SQL into a template database (orders,
// commissions, payable items, and per commission its earn (expense → held) and release
// (held → payable) ledger transactions with their audit events). Then, each on a fresh copy:
//   1. the app's run: startPayoutRun + the job body (processPayoutRun) to completion, in this
//      process (peak RSS sampled);
//   then one creator's payout is paid offline (through the app's own door) and the app (launcher
//   child, normal mode, authenticated like the embedded admin) serves Home, the Creators index,
//   that creator's page, the Payouts list and the paid payout's page over the run's data: p50/p95,
//   the app's and PostgreSQL's CPU per request, and each page's statements (pg_stat_statements);
//   2. the same writes as ONE hand-written INSERT … SELECT statement (the floor);
//   3. optionally (--legacy=K), the per-creator path (createPayout, one transaction each) on K
//      creators, extrapolated to all of them.
// `--pages=0` skips the pages; `--keep-db=1` keeps and reuses the seeded template and the run's
// copy; `--run=0` (with `--keep-db=1`) times the pages on the kept copy a previous run left.
import { createHmac, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { migrateDatabase } from "../scripts/migrate-database";
import { BENCH_HOST, startBenchApp } from "./support/bench-app";
import { startBenchDatabaseServer, withClient, type BenchDatabaseServer } from "./support/database";
import { cpuBetween, cpuSnapshot, postmasterPid } from "./support/cpu";
import { fireLoad, formatFailures, summarize, type PreparedRequest } from "./support/load";
import { intFrom, type BenchOptions } from "./support/options";
import { log, seconds } from "./support/console";
import { GOALS as ISSUE_GOALS } from "./goals";
import { record } from "./summary";

const SHOP_ID = "sh_bench";
const SHOP_DOMAIN = "bench-shop.myshopify.com";
const API_KEY = "bench-api-key";
const API_SECRET = "bench-api-secret-0123456789";
const HOST = BENCH_HOST;
const RANGE = { from: "2026-10-01", to: "2026-10-31" };
const GOALS = {
  runSeconds: ISSUE_GOALS["payout-run.seconds"].limit,
  ratio: ISSUE_GOALS["payout-run.ratio"].limit,
  rssMb: ISSUE_GOALS["payout-run.rss"].limit,
  pageP95Ms: ISSUE_GOALS["admin.p95"].limit,
};
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Everything set-based; ids are deterministic so the tables are filled without joins. */
export async function seed(url: string, creators: number, items: number) {
  const total = creators * items;
  await withClient(url, async (sql) => {
    const step = async (label: string, statement: string) => {
      const t = performance.now();
      const result = await sql.query(statement);
      log(`  seed ${label.padEnd(28)} ${String(result.rowCount ?? "").padStart(9)} rows  ${seconds(performance.now() - t)}`);
    };
    await sql.query("BEGIN");
    await step(
      "shop",
      `INSERT INTO "Shop" ("id", "domain", "name", "currency", "updatedAt") VALUES ('${SHOP_ID}', '${SHOP_DOMAIN}', 'Bench Shop', 'USD', now())`,
    );
    await step(
      "creators",
      `
      INSERT INTO "Creator" ("id", "shopId", "status", "name", "email", "referralCode", "payoutDetailsStatus", "payoutMethod", "updatedAt")
      SELECT 'cr_b' || lpad(i::text, 6, '0'), '${SHOP_ID}', 'active', 'Creator ' || lpad(i::text, 6, '0'),
        'creator' || i || '@bench.test', 'B' || i, 'complete', 'other', now()
      FROM generate_series(1, ${creators}) i`,
    );
    // Commission n belongs to creator 1 + (n - 1) / items; amounts 1.00–9.99; payable during October.
    const each = `FROM generate_series(1::bigint, ${total}) n`;
    const creator = `'cr_b' || lpad((1 + (n - 1) / ${items})::text, 6, '0')`;
    const amount = `(100 + (n * 7919) % 900)`;
    const since = `(timestamp '2026-10-01' + ((n * 104729) % (30 * 24 * 60)) * interval '1 minute')`;
    await step(
      "orders",
      `
      INSERT INTO "AttributedOrder" ("id", "shopId", "shopifyOrderId", "orderName", "creatorId", "attributionSource", "currency",
        "subtotalMinor", "eligibleMinor", "financialStatus", "orderedAt", "paidAt", "orderState", "updatedAt")
      SELECT 'ord_b' || n, '${SHOP_ID}', (7000000000 + n)::text, '#' || n, ${creator}, 'referral', 'USD',
        ${amount} * 10, ${amount} * 10, 'paid', ${since} - interval '30 days', ${since} - interval '30 days', '{}'::jsonb, now() ${each}`,
    );
    await step(
      "commissions",
      `
      INSERT INTO "Commission" ("id", "shopId", "creatorId", "orderId", "status", "currency", "planVersionId", "holdUntil", "approvedAt", "updatedAt")
      SELECT 'cm_b' || n, '${SHOP_ID}', ${creator}, 'ord_b' || n, 'approved', 'USD',
        (SELECT commission_plan_version('${SHOP_ID}', '{"kind":"percentage","rateBasisPoints":1000}'::jsonb)),
        ${since}, ${since}, now() ${each}`,
    );
    await step(
      "payable items",
      `
      INSERT INTO "PayableItem" ("id", "shopId", "creatorId", "kind", "amountMinor", "currency", "payableSince", "commissionId")
      SELECT 'pa_b' || n, '${SHOP_ID}', ${creator}, 'commission', ${amount}, 'USD', ${since}, 'cm_b' || n ${each}`,
    );
    await step(
      "audit events",
      `
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "action", "subjectType", "subjectId", "after", "occurredAt")
      SELECT 'ev_b' || k || n, '${SHOP_ID}', 'system', CASE k WHEN 'e' THEN 'commission.earned' ELSE 'commission.approved' END,
        'commission', 'cm_b' || n, jsonb_build_object('amountMinor', ${amount}), ${since}
      FROM generate_series(1::bigint, ${total}) n CROSS JOIN (VALUES ('e'), ('r')) AS x(k)`,
    );
    await step(
      "ledger transactions",
      `
      INSERT INTO "LedgerTransaction" ("id", "shopId", "idempotencyKey", "kind", "subjectType", "subjectId", "auditEventId", "postedAt")
      SELECT 'ltx_b' || k || n, '${SHOP_ID}', 'bench:ltx_b' || k || n, (CASE k WHEN 'e' THEN 'earn_commission' ELSE 'release_hold' END)::"LedgerTransactionKind",
        'commission', 'cm_b' || n, 'ev_b' || k || n, ${since}
      FROM generate_series(1::bigint, ${total}) n CROSS JOIN (VALUES ('e'), ('r')) AS x(k)`,
    );
    await step(
      "ledger entries",
      `
      INSERT INTO "LedgerEntry" ("id", "shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT 'le_b' || e.k || n, '${SHOP_ID}', 'ltx_b' || e.t || n, e.account::"LedgerAccount",
        CASE WHEN e.account = 'expense' THEN NULL ELSE ${creator} END, 'USD', e.sign * ${amount}
      FROM generate_series(1::bigint, ${total}) n CROSS JOIN (VALUES
        ('ex', 'e', 'expense', -1), ('eh', 'e', 'held', 1), ('rh', 'r', 'held', -1), ('rp', 'r', 'payable', 1)) AS e(k, t, account, sign)`,
    );
    const t = performance.now();
    await sql.query("COMMIT"); // the deferred balance check runs here
    log(`  seed commit (balance check)     ${seconds(performance.now() - t)}`);
    await sql.query("VACUUM ANALYZE");
  });
}

async function copyDatabase(server: BenchDatabaseServer, template: string, name: string): Promise<string> {
  await withClient(server.serverUrl, (sql) => sql.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return server.databaseUrl(name);
}

/** Peak RSS (and V8 heap, and buffers outside it) of this process while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number; peakHeap: number; peakExternal: number }> {
  const peak = { rss: 0, heap: 0, external: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
    peak.external = Math.max(peak.external, usage.external);
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, peakRss: peak.rss, peakHeap: peak.heap, peakExternal: peak.external };
  } finally {
    clearInterval(timer);
  }
}

async function appRun(url: string) {
  process.env.DATABASE_URL = url;
  const { startPayoutRun } = await import("../app/payout-runs/start-payout-run.server");
  const { processPayoutRun } = await import("../app/payout-runs/process-payout-run.server");
  const { db } = await import("../app/db.server");
  const started = performance.now();
  const { runId } = await startPayoutRun(SHOP_ID, { ...RANGE, creatorId: null, honourMinimum: true }, { type: "staff", id: "bench" });
  const startMs = performance.now() - started;
  await processPayoutRun(runId);
  const totalMs = performance.now() - started;
  // Not the plan (1.2 MB of JSON): this read is inside the run's peak RSS window.
  const run = await db().payoutRun.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, doneCreators: true, totalCreators: true },
  });
  await db().$disconnect();
  return { runId, startMs, totalMs, status: run.status, done: run.doneCreators, total: run.totalCreators };
}

/** The legacy per-group path on the first `count` creators: createPayout, one transaction each. */
async function legacySample(url: string, count: number) {
  process.env.DATABASE_URL = url;
  const { createPayout } = await import("../app/payouts/create-payout.server");
  const { db } = await import("../app/db.server");
  const creators = await db().creator.findMany({ where: { shopId: SHOP_ID }, orderBy: { name: "asc" }, take: count, select: { id: true } });
  const started = performance.now();
  for (const { id } of creators) {
    await createPayout({
      shopId: SHOP_ID,
      creatorId: id,
      currency: "USD",
      origin: "run",
      actor: { type: "staff", id: "bench" },
      payableUntil: new Date(`${RANGE.to}T23:59:59.999Z`),
      minimumMinor: 2500,
    });
  }
  const ms = performance.now() - started;
  await db().$disconnect();
  return { ms, count: creators.length };
}

/**
 * The floor: the same rows (payouts with gapless invoice numbers, items, reserve transactions,
 * entries, audit events) by ONE statement, with no drift or minimum checks, locks or run bookkeeping.
 * Its payouts and items get time-ordered ids as the app's do (right-edge index inserts).
 * Its `payout.created` audit events say what the app's say, the payout's item list included (the
 * app writes it; a floor without it wrote ≈ 1M fewer JSON elements); `--floor-audit-items=0` times
 * the older floor, whose events held the amount only. Not in the floor: the run's emails and jobs
 * (one each a payout), its preview and progress rows, and the balance locks.
 */
const handWrittenStatement = (auditItems: boolean) => `
      WITH groups AS MATERIALIZED (
        SELECT p."creatorId", SUM(p."amountMinor")::bigint AS "amountMinor",
          ${
            auditItems
              ? `jsonb_agg(jsonb_build_object('payableItemId', p."id", 'amountMinor', p."amountMinor", 'splitFromId', NULL)
            ORDER BY p."amountMinor" > 0, p."payableSince", p."id" COLLATE "C") AS "items",`
              : ""
          }
          row_number() OVER (ORDER BY p."creatorId") AS seq,
          'po_' || time_ordered_hex() AS "payoutId",
          'ev_' || replace(gen_random_uuid()::text, '-', '') AS "auditEventId",
          'ltx_' || replace(gen_random_uuid()::text, '-', '') AS "transactionId"
        FROM "PayableItem" p WHERE p."shopId" = '${SHOP_ID}' GROUP BY p."creatorId"
      ), shop AS (
        UPDATE "Shop" SET "nextInvoiceNumber" = "nextInvoiceNumber" + (SELECT count(*) FROM groups)::int
        WHERE "id" = '${SHOP_ID}' RETURNING "nextInvoiceNumber" - (SELECT count(*) FROM groups)::int AS first, "invoicePrefix" AS prefix
      ), payouts AS (
        INSERT INTO "Payout" ("id", "shopId", "creatorId", "currency", "status", "invoiceNumber", "invoiceLabel", "createdBy", "balanceAfterMinor", "updatedAt")
        SELECT g."payoutId", '${SHOP_ID}', g."creatorId", 'USD', 'ready', s.first + g.seq - 1, s.prefix || lpad((s.first + g.seq - 1)::text, 5, '0'), 'bench', 0, now()
        FROM groups g CROSS JOIN shop s RETURNING 1
      ), items AS (
        INSERT INTO "PayoutItem" ("id", "shopId", "payoutId", "payableItemId", "amountMinor", "currency")
        SELECT 'pi_' || time_ordered_hex(), '${SHOP_ID}', g."payoutId", p."id", p."amountMinor", 'USD'
        FROM groups g JOIN "PayableItem" p ON p."shopId" = '${SHOP_ID}' AND p."creatorId" = g."creatorId" RETURNING 1
      ), audits AS (
        INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "actorId", "action", "subjectType", "subjectId", "after")
        SELECT g."auditEventId", '${SHOP_ID}', 'staff', 'bench', 'payout.created', 'payout', g."payoutId",
          ${
            auditItems
              ? `jsonb_build_object('status', 'ready', 'amountMinor', g."amountMinor", 'currency', 'USD',
            'invoiceLabel', s.prefix || lpad((s.first + g.seq - 1)::text, 5, '0'), 'method', NULL, 'reference', NULL, 'paidOn', NULL,
            'origin', 'run', 'balanceAfterMinor', 0, 'items', g."items")
        FROM groups g CROSS JOIN shop s RETURNING 1`
              : `jsonb_build_object('amountMinor', g."amountMinor")
        FROM groups g RETURNING 1`
          }
      ), transactions AS (
        INSERT INTO "LedgerTransaction" ("id", "shopId", "idempotencyKey", "kind", "subjectType", "subjectId", "auditEventId")
        SELECT g."transactionId", '${SHOP_ID}', 'payout:' || g."payoutId" || ':reserve', 'reserve_for_payout', 'payout', g."payoutId", g."auditEventId" FROM groups g RETURNING 1
      )
      INSERT INTO "LedgerEntry" ("id", "shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT 'le_' || replace(gen_random_uuid()::text, '-', ''), '${SHOP_ID}', g."transactionId", x.account::"LedgerAccount", g."creatorId", 'USD', x.amount
      FROM groups g CROSS JOIN LATERAL (VALUES ('payable', -g."amountMinor"), ('in_payout', g."amountMinor")) AS x(account, amount)`;

async function handWrittenSql(url: string, auditItems = intFrom("floor-audit-items", 1) > 0): Promise<{ ms: number; payouts: number }> {
  return withClient(url, async (sql) => {
    const started = performance.now();
    await sql.query("BEGIN");
    const result = await sql.query(handWrittenStatement(auditItems));
    await sql.query("COMMIT");
    return { ms: performance.now() - started, payouts: (result.rowCount ?? 0) / 2 };
  });
}

interface StatementProfile {
  totalMs: number;
  /** Top-level statements executed (what the app sent). */
  calls: number;
  top: { calls: number; ms: number; rows: number; query: string }[];
}

export async function resetStatements(url: string) {
  await withClient(url, async (sql) => {
    await sql.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await sql.query("SELECT pg_stat_statements_reset()");
  });
}

/** A statement's text cut to `chars`: its start and, for a long one, where it reads from (Prisma's column lists are long). */
function shorten(query: string, chars: number): string {
  if (query.length <= chars) return query;
  const from = query.indexOf(" FROM ", 60);
  if (from < 0 || chars < 160) return query.slice(0, chars);
  return `${query.slice(0, 60)} …${query.slice(from, from + chars - 62)}`;
}

/** This database's statements since the reset, by total execution time (nested ones included). */
export async function topStatements(url: string, options: { top?: number; chars?: number } = {}): Promise<StatementProfile> {
  return withClient(url, async (sql) => {
    const { rows } = await sql.query<{ calls: string; ms: number; rows: string; query: string; toplevel: boolean }>(`
      SELECT calls, total_exec_time AS ms, rows, toplevel, regexp_replace(query, '\\s+', ' ', 'g') AS query
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC`);
    return {
      totalMs: rows.filter((row) => row.toplevel).reduce((sum, row) => sum + row.ms, 0),
      calls: rows.filter((row) => row.toplevel).reduce((sum, row) => sum + Number(row.calls), 0),
      top: rows.slice(0, options.top ?? 12).map((row) => ({
        calls: Number(row.calls),
        ms: row.ms,
        rows: Number(row.rows),
        query: shorten(`${row.toplevel ? "" : "(nested) "}${row.query}`, options.chars ?? 150),
      })),
    };
  });
}

function printStatements(profile: StatementProfile) {
  for (const row of profile.top) {
    log(`    ${seconds(row.ms).padStart(9)} ${String(row.calls).padStart(6)}× ${String(row.rows).padStart(8)} rows  ${row.query}`);
  }
}

async function explainHandWrittenSql(url: string): Promise<string[]> {
  const captured: string[] = [];
  await withClient(url, async (sql) => {
    await sql.query("BEGIN");
    // The floor's own text, prefixed; its plan's trigger lines say what each FK and keeper cost.
    const text = handWrittenStatement(intFrom("floor-audit-items", 1) > 0).replace(/^\s*/, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ");
    const { rows } = await sql.query<{ "QUERY PLAN": string }>(text);
    for (const row of rows) {
      const line = row["QUERY PLAN"];
      // --explain=2: the whole plan (to set beside the app's batch statement), not only the writes.
      if (intFrom("explain", 0) > 1) captured.push(line);
      else if (/Trigger|Execution Time|Planning Time|^Insert|->\s+Insert/.test(line)) captured.push(line.trim());
    }
    await sql.query("ROLLBACK");
  });
  return captured;
}

async function checkBooks(url: string) {
  return withClient(url, async (sql) => {
    const { rows } = await sql.query<{ payouts: string; items: string; drift: string; doubles: string; invoice_gaps: string }>(`
      SELECT (SELECT count(*) FROM "Payout") AS payouts,
        (SELECT count(*) FROM "PayoutItem" WHERE "state" = 'active') AS items,
        (SELECT count(*) FROM (
          SELECT c."id" FROM "Creator" c
          WHERE (SELECT COALESCE(SUM("amountMinor"), 0) FROM "LedgerEntry" e WHERE e."shopId" = c."shopId" AND e."creatorId" = c."id" AND e."account" = 'payable')
             <> (SELECT COALESCE(SUM(p."amountMinor"), 0) FROM "PayableItem" p WHERE p."creatorId" = c."id"
                   AND NOT EXISTS (SELECT 1 FROM "PayoutItem" i WHERE i."payableItemId" = p."id" AND i."state" = 'active'))) d) AS drift,
        (SELECT count(*) FROM (SELECT "payableItemId" FROM "PayoutItem" WHERE "state" = 'active' GROUP BY 1 HAVING count(*) > 1) x) AS doubles,
        (SELECT max("invoiceNumber") - count("invoiceNumber") FROM "Payout") AS invoice_gaps`);
    return rows[0];
  });
}

function sessionToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: string) => Buffer.from(value).toString("base64url");
  const header = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64(
    JSON.stringify({
      iss: `https://${SHOP_DOMAIN}/admin`,
      dest: `https://${SHOP_DOMAIN}`,
      aud: API_KEY,
      sub: "42",
      exp: now + 600,
      nbf: now - 5,
      iat: now - 5,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  return `${header}.${payload}.${createHmac("sha256", API_SECRET).update(`${header}.${payload}`).digest("base64url")}`;
}

function pageRequests(path: string, count: number): PreparedRequest[] {
  const separator = path.includes("?") ? "&" : "?";
  return Array.from({ length: count }, () => ({
    method: "GET",
    path: `${path}${separator}shop=${SHOP_DOMAIN}&embedded=1`,
    headers: { Authorization: `Bearer ${sessionToken()}`, "User-Agent": USER_AGENT, Accept: "text/html" },
    body: Buffer.alloc(0),
  }));
}

/** Each page's latencies and, given the PostgreSQL server's data folder, the CPU per request of the app and of PostgreSQL (from /proc). */
export async function timePages(
  url: string,
  creatorId: string,
  n: number,
  c: number,
  only?: readonly (readonly [string, string])[],
  postgresDataDir?: string,
  options: { statements?: boolean } = {},
) {
  // The shop's offline session and staff user 42's online one (the app uses online tokens for who acts).
  await withClient(url, (sql) =>
    sql.query(
      `INSERT INTO "Session" ("id", "shop", "state", "isOnline", "scope", "accessToken") VALUES ($1, $2, '', false, $3, 'shpat_bench') ON CONFLICT DO NOTHING`,
      [`offline_${SHOP_DOMAIN}`, SHOP_DOMAIN, "read_orders,read_customers,read_discounts,read_products"],
    ),
  );
  await withClient(url, (sql) =>
    sql.query(
      `INSERT INTO "Session" ("id", "shop", "state", "isOnline", "scope", "accessToken", "expires", "userId", "firstName", "lastName", "email")
       VALUES ($1, $2, '', true, $3, 'shpua_bench', now() + interval '1 day', 42, 'Bench', 'Staff', 'bench@shop.test')
       ON CONFLICT ("id") DO UPDATE SET "expires" = EXCLUDED."expires"`,
      [`${SHOP_DOMAIN}_42`, SHOP_DOMAIN, "read_orders,read_customers,read_discounts,read_products"],
    ),
  );
  const { app, port } = await startBenchApp({ databaseUrl: url, apiKey: API_KEY, apiSecret: API_SECRET });
  const pages = [
    ["Home", "/app"],
    ["Creators index", "/app/creators"],
    ["creator page (100 commissions)", `/app/creators/${creatorId}`],
    ["Payouts list", "/app/payouts"],
  ] as const;
  const results = [];
  for (const [name, path] of only ?? pages) {
    await fireLoad({ host: HOST, port }, pageRequests(path, 5), 1); // warm-up
    if (options.statements) await resetStatements(url);
    const postgresPid = postgresDataDir ? postmasterPid(postgresDataDir) : 0;
    const cpu0 = postgresDataDir ? cpuSnapshot(app.pid, postgresPid) : null;
    const result = await fireLoad({ host: HOST, port }, pageRequests(path, n), c);
    const window = cpu0 ? cpuBetween(cpu0, cpuSnapshot(app.pid, postgresPid)) : null;
    const latency = summarize(result.latenciesMs);
    const cpu = window && {
      appMsPerRequest: window.serverMs / result.requests,
      postgresMsPerRequest: window.postgresMs / result.requests,
      /** Other processes' share of one CPU during the window, in %. */
      othersPercent: window.othersMs / window.wallMs / 0.01,
    };
    // This page's statements over the measured requests, by total time (nested ones included).
    const statements = options.statements ? await topStatements(url, { top: 10, chars: 260 }) : null;
    results.push({ name, path, result, latency, cpu, statements });
  }
  await app.stop();
  return results;
}

export async function run(options: BenchOptions): Promise<void> {
  const creators = intFrom("creators", 10_000);
  const items = intFrom("items", 100);
  const legacy = intFrom("legacy", 0);
  const pageN = intFrom("page-n", 100);
  const pageC = intFrom("page-c", 4);
  // --pages=0 skips the page phase (it needs `npm run build`); --keep-db=1 keeps the seeded template
  // in .data/payout-run-<creators>-<items> and reuses it next time (seeding 1M items takes minutes).
  const withPages = intFrom("pages", 1) > 0;
  const keep = intFrom("keep-db", 0) > 0;
  // --run=0 (with --keep-db=1): no run, no floor; the pages are timed on the copy the last run left
  // paid out in the kept folder (migrated first, so a new index is measured), e.g. after a rebuild.
  const withRun = intFrom("run", 1) > 0;
  if (!withRun && !keep) throw new Error("--run=0 times the pages on the run's kept copy: add --keep-db=1");
  // --floor=0 skips the hand-written statement (e.g. when only the pages are of interest).
  const withFloor = withRun && intFrom("floor", 1) > 0;
  // --explain=1 also runs the floor under EXPLAIN (ANALYZE, BUFFERS) on another copy: its trigger times
  // (--explain=2: its whole plan).
  const explain = intFrom("explain", 0) > 0;
  // --write-costs=N also times the floor N times per index, key and insert trigger of the tables it
  // writes, each dropped on a fresh copy: what each costs the writes (issue 16 goal 6, "write less").
  const writeCosts = intFrom("write-costs", 0);
  const autoExplainMs = intFrom("auto-explain", 0);
  log(
    `${creators} creators × ${items} commissions = ${(creators * items).toLocaleString("en-US")}, PostgreSQL ${options.durable ? "durable" : "throw-away (fsync off)"}`,
  );

  let t = performance.now();
  // pg_stat_statements (nested statements too: trigger bodies) profiles each phase by statement.
  const server = await startBenchDatabaseServer({
    durable: options.durable,
    keepIn: keep ? `payout-run-${creators}-${items}` : undefined,
    settings: [
      "shared_preload_libraries=pg_stat_statements",
      "pg_stat_statements.track=all",
      "pg_stat_statements.max=1000",
      // --auto-explain=MS: the server prints the plan, with trigger times, of every statement slower than MS.
      ...(autoExplainMs > 0
        ? [
            "session_preload_libraries=auto_explain",
            `auto_explain.log_min_duration=${autoExplainMs}`,
            "auto_explain.log_analyze=on",
            "auto_explain.log_triggers=on",
            "auto_explain.log_nested_statements=on",
            "auto_explain.log_timing=on",
            "auto_explain.log_buffers=on",
          ]
        : []),
    ],
  });
  const templateUrl = await server.createDatabase("payout_run_template");
  await migrateDatabase(templateUrl);
  log(`PostgreSQL ready and migrated in ${seconds(performance.now() - t)}`);
  let appUrl: string;
  let runFigures: Awaited<ReturnType<typeof timeRun>> | null = null;
  // Without --run=0: the run, then the pages on its copy, then the floor (its own copy).
  if (withRun) {
    for (const copy of ["payout_run_app", "payout_run_sql", "payout_run_legacy"]) {
      await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE IF EXISTS "${copy}"`));
    }
    const seeded = await withClient(templateUrl, (sql) => sql.query(`SELECT 1 FROM "Shop" WHERE "id" = '${SHOP_ID}'`));
    if (seeded.rowCount === 0) {
      t = performance.now();
      await seed(templateUrl, creators, items);
      log(`template seeded in ${seconds(performance.now() - t)}`);
    } else {
      log(`reusing the seeded template in .data/payout-run-${creators}-${items}`);
    }
    runFigures = await timeRun(server);
    appUrl = runFigures.appUrl;
  } else {
    const kept = await withClient(server.serverUrl, (sql) => sql.query(`SELECT 1 FROM pg_database WHERE datname = 'payout_run_app'`));
    if (kept.rowCount === 0)
      throw new Error(`no run's copy kept in .data/payout-run-${creators}-${items}: run once with --keep-db=1 first`);
    appUrl = server.databaseUrl("payout_run_app");
    t = performance.now();
    await migrateDatabase(appUrl);
    log(`--run=0: timing the pages on the kept run's copy (migrated in ${seconds(performance.now() - t)})`);
  }

  // Pages, served by the app over the run's data; the middle creator's payout is paid first.
  const creatorId = `cr_b${String(Math.max(1, Math.floor(creators / 2))).padStart(6, "0")}`;
  let pages: Awaited<ReturnType<typeof timePages>> = [];
  if (withPages) {
    const payoutId = await paidPayoutOf(appUrl, creatorId);
    // BENCH_PAGES="Home,Payouts list" times only the pages whose names start with one of these.
    const only = process.env.BENCH_PAGES?.split(",").map((name) => name.trim());
    const chosen = adminPages(creatorId, payoutId).filter(([name]) => !only || only.some((prefix) => name.startsWith(prefix)));
    pages = await timePages(appUrl, creatorId, pageN, pageC, chosen, server.dataDir, { statements: true });
  }
  const floorFigures = runFigures ? await timeFloor(server, { creators, withFloor, explain, legacy, writeCosts }) : null;

  const check = (ok: boolean) => (ok ? "yes" : "NO");
  console.log(
    `\nPayout run — ${creators} creators × ${items} commissions, ${options.durable ? "durable" : "throw-away"} embedded PostgreSQL\n`,
  );
  if (runFigures && floorFigures) {
    const { app, appCpuMs, pgCpuMs, appStatements, baseRss } = runFigures;
    const { floor, legacyLine } = floorFigures;
    const ratio = app.result.totalMs / floor.ms;
    console.log(`  app run (start + job)        ${seconds(app.result.totalMs)}   (start ${seconds(app.result.startMs)})`);
    console.log(`  hand-written SQL             ${seconds(floor.ms)}`);
    console.log(`  ratio app/SQL                ${ratio.toFixed(2)}`);
    console.log(`  app process CPU              ${seconds(appCpuMs)}   (PostgreSQL statement time ${seconds(appStatements.totalMs)})`);
    // On a shared machine the CPU ratio is the steadier one: app + PostgreSQL CPU against the floor's PostgreSQL CPU.
    console.log(
      `  CPU app + PostgreSQL / SQL   ${seconds(appCpuMs)} + ${seconds(pgCpuMs)} / ${seconds(floor.pgCpuMs)} = ${((appCpuMs + pgCpuMs) / floor.pgCpuMs).toFixed(2)}`,
    );
    console.log(
      `  peak RSS (this process)      ${mb(app.peakRss)}   (V8 heap used ${mb(app.peakHeap)}, external ${mb(app.peakExternal)}; ${mb(baseRss)} before the run)`,
    );
    if (legacyLine) console.log(`  ${legacyLine}`);
  } else {
    console.log("  (--run=0: no run timed; pages on the kept run's copy)");
  }
  if (pages.length > 0) {
    console.log(`\n  page statements (pg_stat_statements over the measured requests: total, calls, rows):`);
    for (const page of pages) {
      if (!page.statements) continue;
      const perRequest = page.statements.calls / page.result.requests;
      console.log(
        `  ${page.name}: ${perRequest.toFixed(1)} statements and ${(page.statements.totalMs / page.result.requests).toFixed(1)} ms of statement time per request`,
      );
      for (const row of page.statements.top.slice(0, 6)) {
        console.log(
          `    ${(row.ms / page.result.requests).toFixed(2).padStart(7)} ms/req ${String(row.calls).padStart(6)}× ${String(row.rows).padStart(8)} rows  ${row.query}`,
        );
      }
    }
  }
  console.log(`\n  page (N=${pageN}, C=${pageC})${" ".repeat(14)}p50 ms   p95 ms   max ms   app CPU/req   PG CPU/req   others   failures`);
  for (const page of pages) {
    console.log(
      `  ${page.name.padEnd(32)} ${page.latency.p50.toFixed(1).padStart(6)}   ${at(page.result.latenciesMs, 0.95).toFixed(1).padStart(6)}   ${page.latency.max.toFixed(1).padStart(6)}   ${cpuColumns(page.cpu)}   ${formatFailures(page.result.failures)}`,
    );
  }
  const worstP95 = Math.max(0, ...pages.map((page) => at(page.result.latenciesMs, 0.95)));
  if (runFigures && floorFigures) {
    const { app } = runFigures;
    const ratio = app.result.totalMs / floorFigures.floor.ms;
    console.log(
      `\ngoals: run ≤ ${GOALS.runSeconds} s: ${check(app.result.totalMs <= GOALS.runSeconds * 1000)}  ·  ≤ ${GOALS.ratio}× SQL: ${check(ratio <= GOALS.ratio)}  ·  ` +
        `RSS ≤ ${GOALS.rssMb} MB: ${check(app.peakRss <= GOALS.rssMb * 1024 * 1024)}  ·  page p95 ≤ ${GOALS.pageP95Ms} ms: ${pages.length > 0 ? check(worstP95 <= GOALS.pageP95Ms) : "not measured"}`,
    );
    record({ name: "payout run (start + job)", value: app.result.totalMs / 1000, unit: "s", goal: "payout-run.seconds" });
    record({ name: "payout run / hand-written SQL", value: ratio, unit: "×", goal: "payout-run.ratio" });
    record({ name: "payout run peak RSS", value: app.peakRss / 1024 / 1024, unit: "MB", goal: "payout-run.rss" });
  } else {
    console.log(`\ngoals: page p95 ≤ ${GOALS.pageP95Ms} ms: ${check(worstP95 <= GOALS.pageP95Ms)}`);
  }
  for (const page of pages) {
    record({
      name: `${page.name} p95, c=${pageC}`,
      value: at(page.result.latenciesMs, 0.95),
      unit: "ms",
      goal: "admin.p95",
      ...(page.cpu ? { note: `other processes ${page.cpu.othersPercent.toFixed(0)} % of a CPU` } : {}),
    });
    if (page.cpu) {
      record({ name: `${page.name} app CPU per request`, value: page.cpu.appMsPerRequest, unit: "ms" });
      record({ name: `${page.name} PostgreSQL CPU per request`, value: page.cpu.postgresMsPerRequest, unit: "ms" });
    }
  }
  const books = runFigures?.books;
  const failures = [
    runFigures && runFigures.app.result.status !== "completed" && `run ended ${runFigures.app.result.status}`,
    books && Number(books.drift) > 0 && `${books.drift} creators drift`,
    books && Number(books.doubles) > 0 && `${books.doubles} items in two payouts`,
    books && Number(books.invoice_gaps) !== 0 && "invoice numbers have gaps",
    ...pages
      .filter((page) => page.result.ok !== page.result.requests)
      .map((page) => `${page.name}: ${formatFailures(page.result.failures)}`),
  ].filter(Boolean);
  if (failures.length > 0) throw new Error(`payout-run invalid: ${failures.join("; ")}`);
}

/** A closed connection's backend counts in the postmaster's CPU only once reaped: give it a moment. */
const backendsReaped = () => new Promise((resolve) => setTimeout(resolve, 1500));

/** Step 1 on a fresh copy of the template: the app's run (its copy is kept for the pages). */
async function timeRun(server: BenchDatabaseServer) {
  // 1. The app's run.
  let t = performance.now();
  const appUrl = await copyDatabase(server, "payout_run_template", "payout_run_app");
  log(`copy of the template in ${seconds(performance.now() - t)}`);
  const baseRss = process.memoryUsage().rss;
  await resetStatements(appUrl);
  const pgPid = postmasterPid(server.dataDir);
  const before = cpuSnapshot(process.pid, pgPid);
  const app = await withPeakRss(() => appRun(appUrl));
  await backendsReaped();
  const window = cpuBetween(before, cpuSnapshot(process.pid, pgPid));
  const appCpuMs = window.loadGenMs;
  // PostgreSQL's CPU (every backend and helper of the server) over the run: steadier than its
  // wall time on a shared machine, and compared with the floor's below.
  const pgCpuMs = window.postgresMs;
  const appStatements = await topStatements(appUrl);
  const books = await checkBooks(appUrl);
  log(
    `app run: ${app.result.status}, ${app.result.done}/${app.result.total} groups, start (preview + plan) ${seconds(app.result.startMs)}, total ${seconds(app.result.totalMs)}, peak RSS ${mb(app.peakRss)} (V8 heap used ${mb(app.peakHeap)}, external ${mb(app.peakExternal)})`,
  );
  log(
    `  app process CPU ${seconds(appCpuMs)}; PostgreSQL CPU ${seconds(pgCpuMs)}; PostgreSQL statement time ${seconds(appStatements.totalMs)} (pg_stat_statements, top-level + nested)`,
  );
  printStatements(appStatements);
  log(
    `  books after: ${books.payouts} payouts, ${books.items} active items, creators with drift ${books.drift}, items in two payouts ${books.doubles}, invoice gaps ${books.invoice_gaps}`,
  );
  t = performance.now();
  await withClient(appUrl, (sql) => sql.query("VACUUM ANALYZE"));
  log(`  run's copy vacuumed and analyzed for the pages in ${seconds(performance.now() - t)}`);
  return { appUrl, app, appCpuMs, pgCpuMs, appStatements, books, baseRss };
}

/** Steps 2–3 on fresh copies of the template (after the pages, so a long floor never costs the page figures): the floor, the legacy sample. */
async function timeFloor(
  server: BenchDatabaseServer,
  options: { creators: number; withFloor: boolean; explain: boolean; legacy: number; writeCosts: number },
) {
  // 2. The hand-written statement.
  let floor = { ms: NaN, payouts: 0, pgCpuMs: NaN };
  if (options.withFloor) {
    const sqlUrl = await copyDatabase(server, "payout_run_template", "payout_run_sql");
    await resetStatements(sqlUrl);
    const pgPid = postmasterPid(server.dataDir);
    const before = cpuSnapshot(process.pid, pgPid);
    floor = { ...(await handWrittenSql(sqlUrl)), pgCpuMs: NaN };
    await backendsReaped();
    floor.pgCpuMs = cpuBetween(before, cpuSnapshot(process.pid, pgPid)).postgresMs;
    const floorStatements = await topStatements(sqlUrl);
    log(
      `hand-written INSERT … SELECT: ${floor.payouts} payouts in ${seconds(floor.ms)}; PostgreSQL CPU ${seconds(floor.pgCpuMs)}; statement time ${seconds(floorStatements.totalMs)}`,
    );
    printStatements(floorStatements);
    if (options.explain) {
      // Where the floor's time goes: per-trigger (foreign keys, ledger keepers) times of its plan.
      await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE "payout_run_sql"`));
      const explainUrl = await copyDatabase(server, "payout_run_template", "payout_run_sql");
      for (const line of await explainHandWrittenSql(explainUrl)) log(`  ${line}`);
    }
    await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE "payout_run_sql"`));
    if (options.writeCosts > 0) await timeWriteCosts(server, floor, options.writeCosts);
  }

  // 3. Optionally, the per-creator path.
  let legacyLine = "";
  if (options.legacy > 0) {
    const legacyUrl = await copyDatabase(server, "payout_run_template", "payout_run_legacy");
    const sample = await legacySample(legacyUrl, options.legacy);
    const perGroup = sample.ms / sample.count;
    legacyLine = `per-creator createPayout path: ${sample.count} payouts in ${seconds(sample.ms)} = ${perGroup.toFixed(1)} ms each → ${options.creators} creators ≈ ${seconds(perGroup * options.creators)} (extrapolated)`;
    log(legacyLine);
    await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE "payout_run_legacy"`));
  }
  return { floor, legacyLine };
}

/** The tables the floor writes: their indexes, foreign keys and insert triggers, each with the DDL that drops it. */
async function floorWriteCosts(url: string): Promise<{ name: string; drop: string; auditItems?: boolean }[]> {
  return withClient(url, async (sql) => {
    const { rows } = await sql.query<{ name: string; drop: string }>(`
      WITH written(rel) AS (VALUES ('"PayoutItem"'::regclass), ('"Payout"'::regclass), ('"LedgerTransaction"'::regclass),
        ('"LedgerEntry"'::regclass), ('"AuditEvent"'::regclass), ('"AccountBalance"'::regclass))
      SELECT '(nothing: the floor again)' AS name, 'SELECT 1' AS drop
      UNION ALL
      SELECT c.relname, format('DROP INDEX %I', c.relname)
      FROM written w JOIN pg_index i ON i.indrelid = w.rel JOIN pg_class c ON c.oid = i.indexrelid
      WHERE NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      UNION ALL
      SELECT k.conname, format('ALTER TABLE %s DROP CONSTRAINT %I', w.rel, k.conname)
      FROM written w JOIN pg_constraint k ON k.conrelid = w.rel AND k.contype IN ('f', 'u')
      UNION ALL
      -- insert triggers (tgtype bit 2), constraint triggers included; the foreign keys' own are above
      SELECT t.tgname, format('DROP TRIGGER %I ON %s', t.tgname, w.rel)
      FROM written w JOIN pg_trigger t ON t.tgrelid = w.rel AND NOT t.tgisinternal AND (t.tgtype & 4) <> 0`);
    // What the floor writes per item besides the item: the payout.created event's item list.
    return [...rows, { name: "(the audit events' item lists)", drop: "SELECT 1", auditItems: false }];
  });
}

/**
 * --write-costs=N: the floor again on a fresh copy per index, key or insert trigger of the tables
 * it writes, with that one dropped (and once without the audit item lists), N rounds of every
 * variant in turn; each variant's least PostgreSQL CPU against the least of the unchanged floor's,
 * per item. Primary keys stay (rows are read and keyed by id). A shared machine's noise is ± a
 * few µs an item at 100,000 items: read the rounds' spread.
 */
async function timeWriteCosts(server: BenchDatabaseServer, floor: { ms: number; pgCpuMs: number }, rounds: number) {
  const items = await withClient(server.databaseUrl("payout_run_template"), async (sql) => {
    const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "PayableItem"`);
    return Number(rows[0].n);
  });
  const perItem = (ms: number) => `${((ms * 1000) / items).toFixed(1)} µs`;
  const variants = await floorWriteCosts(server.databaseUrl("payout_run_template"));
  const cpu = new Map<string, number[]>();
  const refused = new Map<string, string>();
  log(`write costs (floor of ${items} items: ${seconds(floor.ms)}, PostgreSQL CPU ${seconds(floor.pgCpuMs)}; ${rounds} rounds):`);
  for (let round = 0; round < rounds; round++) {
    for (const { name, drop, auditItems } of variants) {
      if (refused.has(name)) continue;
      const url = await copyDatabase(server, "payout_run_template", "payout_run_sql");
      try {
        await withClient(url, (sql) => sql.query(drop));
      } catch (error) {
        refused.set(name, (error as Error).message); // e.g. a unique index another table's key needs
        await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE "payout_run_sql"`));
        continue;
      }
      const pgPid = postmasterPid(server.dataDir);
      const before = cpuSnapshot(process.pid, pgPid);
      await handWrittenSql(url, auditItems);
      await backendsReaped();
      cpu.set(name, [...(cpu.get(name) ?? []), cpuBetween(before, cpuSnapshot(process.pid, pgPid)).postgresMs]);
      await withClient(server.serverUrl, (sql) => sql.query(`DROP DATABASE "payout_run_sql"`));
    }
  }
  const base = Math.min(...(cpu.get(variants[0].name) ?? [NaN]));
  for (const { name } of variants) {
    const runs = cpu.get(name);
    if (!runs) {
      log(`  without ${name.padEnd(56)} not dropped: ${refused.get(name)}`);
      continue;
    }
    log(
      `  without ${name.padEnd(56)} PostgreSQL CPU ${runs.map((ms) => seconds(ms)).join(" · ")}: saves ${perItem(base - Math.min(...runs))} an item`,
    );
  }
}

/** The five admin pages of issue 16 goal 5 on the run's data. */
export function adminPages(creatorId: string, payoutId: string): (readonly [string, string])[] {
  return [
    ["Home", "/app"],
    ["Creators index", "/app/creators"],
    ["creator page (100 commissions)", `/app/creators/${creatorId}`],
    ["Payouts list", "/app/payouts"],
    ["payout page (paid, 100 items)", `/app/payouts/${payoutId}`],
  ];
}

/**
 * The creator's paid payout: the run made it ready; it is marked paid offline through the app's
 * own door (ledger in_payout → paid_offline, items paid) once, and found again on a kept copy.
 */
async function paidPayoutOf(url: string, creatorId: string): Promise<string> {
  const find = (status: string) =>
    withClient(url, (sql) =>
      sql.query<{ id: string }>(
        `SELECT "id" FROM "Payout" WHERE "shopId" = $1 AND "creatorId" = $2 AND "status" = $3 ORDER BY "id" LIMIT 1`,
        [SHOP_ID, creatorId, status],
      ),
    );
  const paid = await find("paid");
  if (paid.rows[0]) return paid.rows[0].id;
  const ready = await find("ready");
  if (!ready.rows[0]) throw new Error(`${creatorId} has no ready payout to pay`);
  const { markPayoutPaidOffline } = await import("../app/payouts/mark-payout-paid-offline.server");
  const { todayInTimeZone } = await import("../app/domain/calendar");
  const { now } = await import("../app/lib/clock.server");
  const { closeDatabase } = await import("../app/db.server");
  await closeDatabase(); // the run's client (if any) let go of its pool: a fresh one for this copy
  process.env.DATABASE_URL = url;
  const shop = await withClient(url, (sql) => sql.query<{ timezone: string }>(`SELECT "timezone" FROM "Shop" WHERE "id" = $1`, [SHOP_ID]));
  await markPayoutPaidOffline(
    SHOP_ID,
    ready.rows[0].id,
    { type: "staff", id: "bench" },
    {
      method: "bank_transfer",
      reference: "BENCH-1",
      paidOn: todayInTimeZone(now(), shop.rows[0].timezone),
      note: "",
    },
  );
  await closeDatabase();
  log(`paid ${ready.rows[0].id} (${creatorId}) offline for the payout page`);
  return ready.rows[0].id;
}

export function cpuColumns(cpu: { appMsPerRequest: number; postgresMsPerRequest: number; othersPercent: number } | null): string {
  if (!cpu) return "—";
  return `${cpu.appMsPerRequest.toFixed(1).padStart(8)} ms   ${cpu.postgresMsPerRequest.toFixed(1).padStart(7)} ms   ${cpu.othersPercent.toFixed(0).padStart(4)} %`;
}

function at(latencies: Float64Array, p: number): number {
  const sorted = Float64Array.from(latencies).sort();
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
