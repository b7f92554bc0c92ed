// One embedded PostgreSQL for a benchmark run, in a temporary folder under .data/bench-*,
// stopped and removed at the end (see cleanup.ts).
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/embedded-postgres";
import { onCleanup } from "./cleanup";

export interface BenchDatabaseServer extends RunningPostgres {
  dataDir: string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
}

/**
 * `durable: false` (the default) is the test suite's throw-away server: fsync and synchronous
 * commit off. `durable: true` keeps PostgreSQL's crash-safe defaults, as a real deployment would.
 */
export async function startBenchDatabaseServer(options: {
  durable: boolean;
  keepIn?: string;
  /** Extra PostgreSQL settings (`name=value`). */
  settings?: readonly string[];
}): Promise<BenchDatabaseServer> {
  // `keepIn`: a named folder under .data that outlives the run (a seeded dataset to reuse).
  const root = path.resolve(".data", options.keepIn ?? `bench-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`);
  if (!options.keepIn) onCleanup(`remove ${path.relative(process.cwd(), root)}`, () => rmSync(root, { recursive: true, force: true }));
  const dataDir = path.join(root, "postgres");
  const server = await startEmbeddedPostgres({
    dataDir,
    // persistent=true keeps fsync on; the folder is removed by the cleanup above either way.
    persistent: options.durable,
    keepDataDir: options.keepIn !== undefined,
    // Statement counts and times per benchmark window (webhook-ingestion, payout-run print them),
    // triggers' statements included; a benchmark's own settings come after (the last one wins).
    // BENCH_PG_SETTINGS="wal_compression=pglz …" adds server settings to any benchmark (a deployment's
    // settings compared against the defaults in back-to-back runs).
    settings: [
      "shared_preload_libraries=pg_stat_statements",
      "pg_stat_statements.track=all",
      ...extraSettingsFromEnv(),
      ...(options.settings ?? []),
    ],
    printServerLog: options.settings?.some((setting) => setting.startsWith("session_preload_libraries=auto_explain")),
    log: (line) => console.error(`  [postgres] ${line}`),
  });
  onCleanup("stop PostgreSQL", () => server.stop());
  return {
    ...server,
    dataDir,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: server.serverUrl });
      await client.connect();
      try {
        const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return server.databaseUrl(name);
    },
  };
}

/** `BENCH_PG_SETTINGS`: space-separated `name=value` server settings. */
function extraSettingsFromEnv(): string[] {
  const settings = (process.env.BENCH_PG_SETTINGS ?? "").split(/\s+/).filter((setting) => setting.includes("="));
  if (settings.length > 0) console.log(`  PostgreSQL settings from BENCH_PG_SETTINGS: ${settings.join(" ")}`);
  return settings;
}

/** One short-lived connection for seeding or inspection. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
