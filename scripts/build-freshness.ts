// Whether build/ reflects the sources: the launcher rebuilds when it does not, tests that spawn
// several app processes refuse to start instead (they would all build at once).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SERVER_ENTRY = "build/server/index.js";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when build/ is missing or older than app/ or vite.config.ts. */
export function isBuildStale(): boolean {
  return !existsSync(SERVER_ENTRY) || statSync(SERVER_ENTRY).mtimeMs < Math.max(newestMtime("app"), statSync("vite.config.ts").mtimeMs);
}
