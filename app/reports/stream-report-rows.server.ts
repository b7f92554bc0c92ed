// Every row of a report, for the CSV, read through a server-side cursor over the same statement as
// the screen (reportStatement, "rows" shape): a batch of groups at a time, so neither PostgreSQL's
// answer nor the file is ever held whole in memory, then the totals. The cursor's transaction is on
// its own pooled connection and ends (COMMIT, or ROLLBACK if the client goes away) when the
// iteration does.
import { pgPool } from "../lib/pg-pool.server";
import { reportStatement, sumsFrom, type ReportQuery, type ReportRow, type ReportShop, type SqlRow } from "./read-report.server";
import type { ReportSums } from "./report-definitions";

const BATCH = 1_000;

export type ReportStreamItem = { row: ReportRow } | { totals: ReportSums };

export async function* streamReportRows(shop: ReportShop, query: Omit<ReportQuery, "page">): AsyncGenerator<ReportStreamItem[]> {
  const statement = reportStatement(shop, query, { shape: "rows" });
  const client = await pgPool().connect();
  let done = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query("SET LOCAL jit = off");
    await client.query("SET LOCAL enable_mergejoin = off"); // as readReport runs it (see there)
    await client.query(`DECLARE report_rows NO SCROLL CURSOR FOR ${statement.text}`, statement.values as unknown[]);
    for (;;) {
      const batch = await client.query<{ part: number; row: SqlRow }>(`FETCH ${BATCH} FROM report_rows`);
      if (batch.rows.length === 0) break;
      yield batch.rows.map((item) =>
        item.part === 0 ? { row: { key: item.row.key, name: item.row.name, sums: sumsFrom(item.row) } } : { totals: sumsFrom(item.row) },
      );
    }
    await client.query("COMMIT");
    done = true;
  } finally {
    if (!done) await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
