import pg from "pg";
import { migrateDatabase } from "../scripts/migrate-database";
import { startBenchDatabaseServer } from "./support/database";
import { seed } from "./reports";
import { reportStatement } from "../app/reports/read-report.server";
const server = await startBenchDatabaseServer({ durable: false });
const url = await server.createDatabase("explain");
await migrateDatabase(url);
await seed(url, Number(process.env.CREATORS ?? 1000), Number(process.env.ORDERS ?? 100000));
const shop = { id: "sh_bench", currency: "USD", timezone: "America/New_York", countPaidOrdersOnly: true };
const st = reportStatement(shop, { period: { from: "2026-08-25", to: "2026-11-22" }, groupBy: "creator", sort: "revenue", direction: "desc", page: { limit: 50, offset: 0 } });
const client = new pg.Client({ connectionString: url });
await client.connect();
let i = 0;
const text = st.sql.replace(/\?/g, () => `$${++i}`);
console.log(`DB URL ${url}`);
for (let k = 0; k < 2; k++) {
  const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, st.values as unknown[]);
  if (k === 1) console.log(r.rows.map((x: Record<string, string>) => x["QUERY PLAN"]).join("\n"));
}
if (process.env.HOLD) await new Promise((r) => setTimeout(r, Number(process.env.HOLD)));
await client.end();
await server.stop?.();
process.exit(0);
