// The database roles (README, "Database roles"): migrations run as the owner of the tables; the
// app connects as a login role that is a member of the NOLOGIN group `creator_payouts_runtime`,
// which may read and append to the ledger and the audit trail but never edit or erase them.
import pg from "pg";

/** The group role the migrations grant the runtime's privileges to. */
export const RUNTIME_GROUP_ROLE = "creator_payouts_runtime";
/** The login role the embedded launcher and the test suite run the app as. */
export const APP_LOGIN_ROLE = "creator_payouts_app";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `url` with other credentials (same server and database). */
export function urlWithCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Creates (or re-passwords) the app's login role as a member of the runtime group: cluster-level,
 * so the embedded launcher and the test setup do it as the superuser. In production an
 * administrator runs the equivalent SQL once (README).
 */
export async function ensureAppLoginRole(superuserUrl: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const literal = client.escapeLiteral(password);
    await client.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${RUNTIME_GROUP_ROLE}') THEN
          CREATE ROLE ${RUNTIME_GROUP_ROLE} NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN_ROLE}') THEN
          CREATE ROLE ${APP_LOGIN_ROLE} LOGIN;
        END IF;
      END $$`);
    await client.query(`ALTER ROLE ${APP_LOGIN_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`);
    await client.query(`GRANT ${RUNTIME_GROUP_ROLE} TO ${APP_LOGIN_ROLE}`);
  });
}

/**
 * The job queue's schema belongs to graphile-worker's own migrations, which run as the owner
 * (a worker started later finds them applied and only reads graphile_worker.migrations).
 * graphile-worker expects to run as the role that migrated it: its tables have row-level
 * security enabled with no policy, so only their owner sees rows. The runtime works the queue,
 * so it gets the table privileges and one permissive policy per such table. Idempotent; run
 * after every job-queue migration so that tables a graphile-worker upgrade adds are covered.
 */
export async function grantJobQueueToRuntime(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, (client) =>
    client.query(`
      GRANT USAGE ON SCHEMA graphile_worker TO ${RUNTIME_GROUP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${RUNTIME_GROUP_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${RUNTIME_GROUP_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${RUNTIME_GROUP_ROLE};
      DO $$
      DECLARE
        queue_table record;
      BEGIN
        FOR queue_table IN
          SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
             AND NOT EXISTS (SELECT FROM pg_policies p WHERE p.schemaname = 'graphile_worker'
                               AND p.tablename = c.relname AND p.policyname = '${RUNTIME_GROUP_ROLE}')
        LOOP
          EXECUTE format('CREATE POLICY %I ON graphile_worker.%I FOR ALL TO %I USING (true) WITH CHECK (true)',
                         '${RUNTIME_GROUP_ROLE}', queue_table.relname, '${RUNTIME_GROUP_ROLE}');
        END LOOP;
      END $$;`),
  );
}
