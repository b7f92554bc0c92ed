// Runs the Prisma CLI (the offline WASM schema engine, see prisma.config.ts) against a database.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const prismaBin = require.resolve("prisma/build/index.js");

export async function prismaCli(args: string[], databaseUrl: string): Promise<string> {
  const { stdout } = await run(process.execPath, [prismaBin, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** `prisma migrate deploy`: applies every pending migration in prisma/migrations. */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await prismaCli(["migrate", "deploy"], databaseUrl);
}
