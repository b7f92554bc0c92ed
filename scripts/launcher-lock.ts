// One launcher per data folder: the embedded PostgreSQL under it can serve one server. The
// running launcher writes <data folder>/launcher.json (its pid, kind and URL), so a second one
// can say in one line where the first is instead of failing inside PostgreSQL.
import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import path from "node:path";

export interface LauncherRecord {
  pid: number;
  kind: "demo" | "app";
  url: string | null;
}

export interface LauncherLock {
  /** Records where the launcher serves, once it listens. */
  serving(url: string): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readRecord(file: string): LauncherRecord | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LauncherRecord;
  } catch {
    return null;
  }
}

/** The sentence for a folder already in use, or the lock for this launcher. */
export function acquireLauncherLock(dataDir: string, kind: LauncherRecord["kind"]): LauncherLock | { alreadyRunning: string } {
  const file = path.join(dataDir, "launcher.json");
  const mine: LauncherRecord = { pid: process.pid, kind, url: null };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      closeSync(openSync(file, "wx"));
      writeFileSync(file, JSON.stringify(mine));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const other = readRecord(file);
      if (other && other.pid !== process.pid && isAlive(other.pid)) {
        const what = other.kind === "demo" ? "A demo" : "Creator Payouts";
        const where = other.url ?? "still starting";
        return {
          alreadyRunning: `${what} is already running in ${path.resolve(dataDir)}: ${where} (pid ${other.pid}). Stop it first, or set CREATOR_PAYOUTS_DATA_DIR to another folder.`,
        };
      }
      rmSync(file, { force: true }); // left by a launcher that was killed
    }
  }
  return {
    serving(url) {
      writeFileSync(file, JSON.stringify({ ...mine, url }));
    },
    release() {
      if (readRecord(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
