// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that turns the schema
// of the last commit (HEAD:prisma/schema.prisma) into the working copy's schema.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { prismaCli } from "./prisma-cli";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(1);
}

const hasMigrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length > 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), "cp-migration-"));
let from = ["--from-empty"];
if (hasMigrations) {
  const previous = path.join(tmp, "previous.prisma");
  writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  from = ["--from-schema-datamodel", previous];
}

// The WASM schema engine needs a live connection even to diff two files.
const postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), persistent: false });
try {
  const sql = await prismaCli(
    ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    postgres.serverUrl,
  );
  if (!sql.trim() || /This is an empty migration/.test(sql)) {
    console.log("The schema has not changed since the last commit: no migration written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma/migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql (add hand-written constraints below the generated SQL).`);
  }
} finally {
  await postgres.stop();
  rmSync(tmp, { recursive: true, force: true });
}
