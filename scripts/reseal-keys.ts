// `npm run keys:reseal`: re-seals every stored secret under the newest key (the first entry of
// ENCRYPTION_KEYS) and in the current format. Afterwards the older keys can be removed from
// ENCRYPTION_KEYS. Safe to run while the app serves (row locks) and to run again (idempotent).
// Exits 1 when a value could not be opened (it is named and left as it was).
import pg from "pg";
import { envVariables } from "../app/env.server";
import { resealSecrets } from "../app/lib/reseal-secrets.server";
import { currentKeyId } from "../app/lib/secret-box.server";

async function main() {
  const { DATABASE_URL: url, ENCRYPTION_KEYS } = envVariables("DATABASE_URL", "ENCRYPTION_KEYS");
  if (!url) {
    console.error("DATABASE_URL is required: the secrets to re-seal are in that database.");
    process.exit(1);
  }
  if (!ENCRYPTION_KEYS?.trim()) {
    console.error("ENCRYPTION_KEYS is required: the first key seals, the others open what they sealed.");
    process.exit(1);
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  try {
    const counts = await resealSecrets(pool);
    console.log(`Re-sealing under key "${currentKeyId()}":`);
    for (const c of counts) {
      console.log(
        `  ${c.table}.${c.column}: ${c.resealed} re-sealed, ${c.alreadyCurrent} already current, ${c.unreadable.length} unreadable`,
      );
      for (const u of c.unreadable) console.error(`    ${u.rowId}: ${u.reason}`);
    }
    const unreadable = counts.reduce((sum, c) => sum + c.unreadable.length, 0);
    if (unreadable > 0) {
      console.error(`${unreadable} value(s) could not be opened and were left as they are; keep their keys until they are fixed.`);
      process.exitCode = 1;
    } else {
      console.log("Every sealed value now uses the newest key: older keys can be removed from ENCRYPTION_KEYS.");
    }
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
