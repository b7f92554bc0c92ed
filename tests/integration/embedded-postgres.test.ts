// The embedded PostgreSQL's start as root: the server runs as the `postgres` user, which must be
// able to enter the data folder's parent, and a shared parent (/tmp) must keep its own mode.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const modeOf = (dir: string) => (statSync(dir).mode & 0o7777).toString(8);

describe.runIf(isRoot)("the embedded PostgreSQL, started as root", () => {
  it("opens a private parent for the postgres user, and leaves a shared one's mode (1777) as it was", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "embedded-pg-"));
    chmodSync(root, 0o755);
    try {
      const shared = path.join(root, "shared");
      const closed = path.join(root, "closed");
      for (const [dir, mode] of [
        [shared, 0o1777],
        [closed, 0o700],
      ] as const) {
        mkdirSync(dir);
        chmodSync(dir, mode);
        const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
        await server.stop();
      }
      expect(modeOf(shared)).toBe("1777");
      expect(modeOf(closed)).toBe("755");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
