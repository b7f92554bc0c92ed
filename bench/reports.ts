// Reports at scale: one shop with CREATORS creators (default 10,000), ORDERS attributed orders
// (default 1,000,000) over a year, each with its commission posted to the ledger (earn, release,
// and for refunded orders a clawback, with audit events), fixed fees, adjustments (some in EUR),
// campaigns and referral clicks, all seeded with set-based SQL. Then the app (launcher child,
// production mode, authenticated like the embedded admin) serves the Reports screen for the last
// 90 days grouped by creator (and by campaign, and the CSV) over real HTTP: p50/p95 per request.
import { performance } from "node:perf_hooks";
import { migrateDatabase } from "../scripts/migrate-database";
import { startBenchDatabaseServer, withClient } from "./support/database";
import { intFrom, type BenchOptions } from "./support/options";
import { cpuColumns, resetStatements, timePages, topStatements } from "./payout-run";
import { log, seconds } from "./support/console";
import { GOALS } from "./goals";
import { record } from "./summary";
import { reportStatement } from "../app/reports/read-report.server";
import { reportSeriesStatement } from "../app/reports/read-report-series.server";

const SHOP_ID = "sh_bench";
const SHOP_DOMAIN = "bench-shop.myshopify.com";
const LAST_DAY = "2026-11-22";
const PERIOD = "period=custom&from=2026-08-25&to=2026-11-22";
const GOAL_P95_MS = GOALS["reports.p95"].limit;

export async function seed(url: string, creators: number, orders: number) {
  await withClient(url, async (sql) => {
    const step = async (label: string, statement: string) => {
      const t = performance.now();
      const result = await sql.query(statement);
      log(`  seed ${label.padEnd(28)} ${String(result.rowCount ?? "").padStart(9)} rows  ${seconds(performance.now() - t)}`);
    };
    await sql.query("BEGIN");
    await step(
      "shop",
      `INSERT INTO "Shop" ("id", "domain", "name", "currency", "timezone", "updatedAt") VALUES ('${SHOP_ID}', '${SHOP_DOMAIN}', 'Bench Shop', 'USD', 'America/New_York', now())`,
    );
    await step(
      "creators",
      `
      INSERT INTO "Creator" ("id", "shopId", "status", "name", "email", "referralCode", "updatedAt")
      SELECT 'cr_b' || lpad(i::text, 6, '0'), '${SHOP_ID}', 'active', 'Creator ' || lpad(i::text, 6, '0'), 'creator' || i || '@bench.test', 'B' || i, now()
      FROM generate_series(1, ${creators}) i`,
    );
    await step(
      "campaigns",
      `
      INSERT INTO "Campaign" ("id", "shopId", "name", "budgetMinor", "currency", "updatedAt")
      SELECT 'cp_b' || i, '${SHOP_ID}', 'Campaign ' || i, 10000000, 'USD', now() FROM generate_series(1, 200) i`,
    );
    // One deal per creator; every other deal belongs to a campaign.
    await step(
      "deals",
      `
      INSERT INTO "Deal" ("id", "shopId", "creatorId", "campaignId", "title", "updatedAt")
      SELECT 'dl_b' || i, '${SHOP_ID}', 'cr_b' || lpad(i::text, 6, '0'), CASE WHEN i % 2 = 0 THEN 'cp_b' || (1 + i % 200) END, 'Deal ' || i, now()
      FROM generate_series(1, ${creators}) i`,
    );
    const each = `FROM generate_series(1::bigint, ${orders}) n`;
    const creatorNo = `(1 + (n * 7919) % ${creators})`;
    const creator = `'cr_b' || lpad(${creatorNo}::text, 6, '0')`;
    const subtotal = `(1000 + (n * 104723) % 20000)`;
    const commission = `((1000 + (n * 104723) % 20000) / 10)`;
    const orderedAt = `(timestamp '${LAST_DAY} 23:59' - ((n * 104729) % (365 * 24 * 60)) * interval '1 minute')`;
    // Every 33rd order is 30 % refunded after approval (a clawback); every 200th a test order
    // (no commission); every 150th cancelled in the hold (commission reversed).
    await step(
      "orders",
      `
      INSERT INTO "AttributedOrder" ("id", "shopId", "shopifyOrderId", "orderName", "creatorId", "dealId", "attributionSource", "currency",
        "subtotalMinor", "eligibleMinor", "refundedMinor", "isNewCustomer", "isTest", "financialStatus", "orderedAt", "paidAt", "cancelledAt", "orderState", "updatedAt")
      SELECT 'ord_b' || n, '${SHOP_ID}', (7000000000 + n)::text, '#' || n, ${creator}, 'dl_b' || ${creatorNo}, 'referral', 'USD',
        ${subtotal}, ${subtotal}, CASE WHEN n % 33 = 0 THEN ${subtotal} * 3 / 10 ELSE 0 END, n % 3 = 0, n % 200 = 0, 'paid',
        ${orderedAt}, ${orderedAt}, CASE WHEN n % 150 = 0 THEN ${orderedAt} + interval '1 hour' END, '{}'::jsonb, now() ${each}`,
    );
    const withCommission = `${each} WHERE n % 200 <> 0`;
    await step(
      "commissions",
      `
      INSERT INTO "Commission" ("id", "shopId", "creatorId", "orderId", "status", "currency", "planVersionId", "updatedAt")
      SELECT 'cm_b' || n, '${SHOP_ID}', ${creator}, 'ord_b' || n, CASE WHEN n % 150 = 0 THEN 'reversed' ELSE 'approved' END::"CommissionStatus", 'USD',
        (SELECT commission_plan_version('${SHOP_ID}', '{}'::jsonb)), now()
      ${withCommission}`,
    );
    // Ledger: earn (e), then release (r) or reverse (v); a clawback (c) for refunded orders.
    const movements = `
      FROM generate_series(1::bigint, ${orders}) n CROSS JOIN (VALUES ('e'), ('r'), ('v'), ('c')) AS x(k)
      WHERE n % 200 <> 0 AND (k = 'e' OR (k = 'r' AND n % 150 <> 0) OR (k = 'v' AND n % 150 = 0) OR (k = 'c' AND n % 33 = 0 AND n % 150 <> 0))`;
    await step(
      "audit events",
      `
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "action", "subjectType", "subjectId", "occurredAt")
      SELECT 'ev_b' || k || n, '${SHOP_ID}', 'system', 'commission.' || k, 'commission', 'cm_b' || n, ${orderedAt} ${movements}`,
    );
    await step(
      "ledger transactions",
      `
      INSERT INTO "LedgerTransaction" ("id", "shopId", "idempotencyKey", "kind", "subjectType", "subjectId", "auditEventId", "postedAt")
      SELECT 'ltx_b' || k || n, '${SHOP_ID}', 'bench:ltx_b' || k || n, (CASE k WHEN 'e' THEN 'earn_commission' WHEN 'r' THEN 'release_hold' WHEN 'v' THEN 'reverse_commission' ELSE 'clawback' END)::"LedgerTransactionKind",
        'commission', 'cm_b' || n, 'ev_b' || k || n, ${orderedAt} ${movements}`,
    );
    // The commission-cost aggregate is filled set-based below (as its migration does), not row by row.
    await sql.query(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "report_commission_cost"`);
    await step(
      "ledger entries",
      `
      INSERT INTO "LedgerEntry" ("id", "shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT 'le_b' || x.k || e.side || n, '${SHOP_ID}', 'ltx_b' || x.k || n, e.account::"LedgerAccount",
        CASE WHEN e.account = 'expense' THEN NULL ELSE ${creator} END, 'USD',
        e.sign * CASE WHEN x.k = 'c' THEN ${commission} * 3 / 10 ELSE ${commission} END
      FROM generate_series(1::bigint, ${orders}) n CROSS JOIN (VALUES ('e'), ('r'), ('v'), ('c')) AS x(k)
      JOIN (VALUES ('e', 'a', 'expense', -1), ('e', 'b', 'held', 1), ('r', 'a', 'held', -1), ('r', 'b', 'payable', 1),
                   ('v', 'a', 'held', -1), ('v', 'b', 'expense', 1), ('c', 'a', 'payable', -1), ('c', 'b', 'expense', 1)) AS e(k, side, account, sign) ON e.k = x.k
      WHERE n % 200 <> 0 AND (x.k = 'e' OR (x.k = 'r' AND n % 150 <> 0) OR (x.k = 'v' AND n % 150 = 0) OR (x.k = 'c' AND n % 33 = 0 AND n % 150 <> 0))`,
    );
    await step(
      "commission costs (rebuild)",
      `
      INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
      SELECT cm."id", e."currency", cm."shopId", o."id", o."creatorId", o."dealId", o."orderedAt", -SUM(e."amountMinor")
      FROM "Commission" cm JOIN "AttributedOrder" o ON o."id" = cm."orderId"
      JOIN "LedgerTransaction" t ON t."shopId" = cm."shopId" AND t."subjectType" = 'commission' AND t."subjectId" = cm."id"
      JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."account" = 'expense'
      GROUP BY cm."id", e."currency", cm."shopId", o."id"`,
    );
    // Two fixed fees per creator over the year (one in ten canceled), one adjustment (every tenth in EUR).
    await step(
      "fixed fees",
      `
      INSERT INTO "FixedFee" ("id", "shopId", "creatorId", "dealId", "status", "amountMinor", "currency", "createdBy", "createdAt", "updatedAt")
      SELECT 'fee_b' || i, '${SHOP_ID}', 'cr_b' || lpad((1 + i % ${creators})::text, 6, '0'), 'dl_b' || (1 + i % ${creators}),
        CASE WHEN i % 10 = 0 THEN 'canceled' ELSE 'approved' END::"FixedFeeStatus", 5000 + (i * 37) % 50000, 'USD', 'bench',
        timestamp '${LAST_DAY}' - ((i * 7919) % 365) * interval '1 day', now()
      FROM generate_series(1, ${creators * 2}) i`,
    );
    await step(
      "adjustments",
      `
      INSERT INTO "Adjustment" ("id", "shopId", "creatorId", "dealId", "amountMinor", "currency", "reason", "createdBy", "createdAt")
      SELECT 'adj_b' || i, '${SHOP_ID}', 'cr_b' || lpad(i::text, 6, '0'), 'dl_b' || i, CASE WHEN i % 7 = 0 THEN -500 ELSE 2500 END,
        CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'USD' END, 'Bonus', 'bench', timestamp '${LAST_DAY}' - ((i * 104729) % 365) * interval '1 day'
      FROM generate_series(1, ${creators}) i`,
    );
    await step(
      "referral clicks",
      `
      INSERT INTO "ReferralClick" ("id", "shopId", "creatorId", "code", "visitorHash", "day")
      SELECT 'clk_b' || n, '${SHOP_ID}', ${creator}, 'B' || ${creatorNo}, md5(n::text), (timestamp '${LAST_DAY}' - ((n * 104729) % 365) * interval '1 day')::date
      ${each}`,
    );
    const t = performance.now();
    await sql.query("COMMIT"); // the deferred balance check runs here
    log(`  seed commit (balance check)     ${seconds(performance.now() - t)}`);
    await sql.query(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "report_commission_cost"`);
    await sql.query("VACUUM ANALYZE");
  });
}

export async function run(options: BenchOptions): Promise<void> {
  const creators = intFrom("creators", 10_000);
  const orders = intFrom("orders", 1_000_000);
  const n = intFrom("page-n", 60);
  const c = intFrom("page-c", 1);
  log(
    `${creators} creators, ${orders.toLocaleString("en-US")} attributed orders over a year, PostgreSQL ${options.durable ? "durable" : "throw-away (fsync off)"}`,
  );
  // --keep-db: keep the seeded database in .data/reports-<creators>-<orders> and reuse it next time
  // (seeding a million orders takes minutes); pending migrations still run on the kept one.
  const keep = intFrom("keep-db", 0) > 0;
  let t = performance.now();
  const server = await startBenchDatabaseServer({ durable: options.durable, keepIn: keep ? `reports-${creators}-${orders}` : undefined });
  const url = await server.createDatabase("reports");
  await migrateDatabase(url);
  log(`PostgreSQL ready and migrated in ${seconds(performance.now() - t)}`);
  const seeded = await withClient(url, (sql) => sql.query(`SELECT 1 FROM "Shop" WHERE "id" = '${SHOP_ID}'`));
  if (seeded.rowCount === 0) {
    t = performance.now();
    await seed(url, creators, orders);
    log(`seeded in ${seconds(performance.now() - t)}`);
  } else {
    log(`reusing the seeded database in .data/reports-${creators}-${orders}`);
    await withClient(url, (sql) => sql.query("VACUUM ANALYZE"));
  }

  const inPeriod = await withClient(url, (sql) =>
    sql.query<{ count: string }>(
      `SELECT count(*) FROM "AttributedOrder" WHERE "orderedAt" >= '2026-08-25 04:00' AND "orderedAt" < '2026-11-23 05:00'`,
    ),
  );
  log(`orders in the 90-day period: ${Number(inPeriod.rows[0].count).toLocaleString("en-US")}`);

  // --pages=1 times the first page only (by creator: for a CPU profile of that page alone).
  const pages: [string, string][] = (
    [
      ["Reports, 90 days by creator", `/app/reports?${PERIOD}&groupBy=creator`],
      ["Reports, 90 days by campaign", `/app/reports?${PERIOD}&groupBy=campaign`],
      ["CSV, 90 days by creator", `/app/exports/report.csv?${PERIOD}&groupBy=creator`],
    ] satisfies [string, string][]
  ).slice(0, Math.max(1, intFrom("pages", 3)));
  await resetStatements(url);
  const results = await timePages(url, "cr_b000001", n, c, pages, server.dataDir);
  // Where PostgreSQL's time went, per statement (nested trigger statements too): the three pages'
  // statements differ, so each line's calls show which page ran it (N per page, plus warm-ups).
  const statements = await topStatements(url);
  console.log(`\npg_stat_statements over the three pages (execution time, by total):`);
  for (const row of statements.top.slice(0, 10)) {
    console.log(
      `  ${(row.ms / row.calls).toFixed(2).padStart(8)} ms/call ${String(row.calls).padStart(5)}× ${String(Math.round(row.rows / row.calls)).padStart(6)} rows/call  ${row.query}`,
    );
  }
  console.log(
    `\nReports — ${creators} creators, ${orders.toLocaleString("en-US")} orders over a year, ${options.durable ? "durable" : "throw-away"} embedded PostgreSQL\n`,
  );
  console.log(`  request (N=${n}, C=${c})${" ".repeat(14)}p50 ms   p95 ms   max ms   app CPU/req   PG CPU/req   others   ok`);
  for (const page of results) {
    console.log(
      `  ${page.name.padEnd(32)} ${page.latency.p50.toFixed(1).padStart(6)}   ${p95(page.result.latenciesMs).toFixed(1).padStart(6)}   ${page.latency.max.toFixed(1).padStart(6)}   ${cpuColumns(page.cpu)}   ${page.result.ok}/${page.result.requests}`,
    );
  }
  const byCreator = p95(results[0].result.latenciesMs);
  console.log(
    `\ngoal: 90 days by creator p95 ≤ ${GOAL_P95_MS} ms: ${byCreator <= GOAL_P95_MS ? "yes" : "NO"} (${byCreator.toFixed(1)} ms)`,
  );
  record({ name: "Reports, 90 days by creator, p95", value: byCreator, unit: "ms", goal: "reports.p95" });
  if (results[1]) record({ name: "Reports, 90 days by campaign, p95", value: p95(results[1].result.latenciesMs), unit: "ms" });
  if (results[2])
    record({ name: "CSV, 90 days by creator, p95", value: p95(results[2].result.latenciesMs), unit: "ms", goal: "reports.csv" });
  await explainByCreator(url);
  const failed = results.filter((page) => page.result.ok !== page.result.requests);
  if (failed.length > 0) throw new Error(`reports bench: failed requests on ${failed.map((page) => page.name).join(", ")}`);
}

/** The plans of the table's statement behind "90 days by creator" (first page) and of the chart's series, warm, as the app runs them. */
async function explainByCreator(url: string) {
  const shop = { id: SHOP_ID, currency: "USD", timezone: "America/New_York", countPaidOrdersOnly: true };
  const statement = reportStatement(shop, {
    period: { from: "2026-08-25", to: "2026-11-22" },
    groupBy: "creator",
    sort: "revenue",
    direction: "desc",
    page: { limit: 50, offset: 0 },
  });
  await withClient(url, async (sql) => {
    await sql.query("SET work_mem = '64MB'");
    await sql.query("SET jit = off");
    await sql.query("SET max_parallel_workers_per_gather = 0");
    await sql.query("SET enable_mergejoin = off"); // as readReport runs it
    await sql.query(statement.text, statement.values as unknown[]); // warm
    const plan = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values as unknown[]);
    console.log(`\nEXPLAIN ANALYZE, 90 days by creator (first page):\n${plan.rows.map((row) => `  ${row["QUERY PLAN"]}`).join("\n")}`);
    // The series runs on the app's pool with the server's defaults.
    await sql.query("RESET ALL");
    const series = reportSeriesStatement(shop, { from: "2026-08-25", to: "2026-11-22" }).statement;
    await sql.query(series.text, series.values as unknown[]); // warm
    const seriesPlan = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${series.text}`, series.values as unknown[]);
    console.log(
      `\nEXPLAIN ANALYZE, the chart's series (90 days, by day):\n${seriesPlan.rows.map((row) => `  ${row["QUERY PLAN"]}`).join("\n")}`,
    );
    // The same series from the base tables (as before "ReportDay", and as for a campaign), same connection, warm.
    const fromBase = reportSeriesStatement(shop, { from: "2026-08-25", to: "2026-11-22" }, undefined, { source: "base" }).statement;
    await sql.query(fromBase.text, fromBase.values as unknown[]); // warm
    const basePlan = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${fromBase.text}`, fromBase.values as unknown[]);
    console.log(
      `  the same series from the base tables: ${basePlan.rows
        .slice(-2)
        .map((row) => row["QUERY PLAN"])
        .join(", ")}`,
    );
  });
}

function p95(latencies: Float64Array): number {
  const sorted = Float64Array.from(latencies).sort();
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.95 * sorted.length) - 1))];
}
