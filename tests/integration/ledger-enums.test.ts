// Ledger transaction kinds and subject types are PostgreSQL enums (issue 12 item 7): the database
// refuses a kind or subject the code does not know, and migration 20261205010000_ledger_enums
// converts rows written while they were free strings.
import { readFile } from "node:fs/promises";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ownerDatabaseUrl, useTestDatabase } from "../support/test-database";
import { createShop } from "../support/factories";

const MIGRATION = new URL("../../prisma/migrations/20261205010000_ledger_enums/migration.sql", import.meta.url);

let runtimeUrl: string;
beforeAll(async () => {
  runtimeUrl = await useTestDatabase();
});

/**
 * Writes a ledger transaction around the door, as the app's role, with untyped parameters (as a
 * hand-written statement would): the column decides what it accepts. Rolled back either way.
 */
async function writeTransaction(shopId: string, kind: string, subjectType: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: runtimeUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const event = await client.query(
      `INSERT INTO "AuditEvent" ("shopId", "actorType", "action", "subjectType", "subjectId") VALUES ($1, 'system', 'bypass', 'test', '1') RETURNING "id"`,
      [shopId],
    );
    await client.query(
      `INSERT INTO "LedgerTransaction" ("shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "auditEventId")
       VALUES ($1, $2, $3, $4, '1', $5)`,
      [shopId, kind, `test:${event.rows[0].id}`, subjectType, event.rows[0].id],
    );
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

describe("ledger kinds and subject types in the database", () => {
  it("refuses a transaction whose kind or subject type the app does not know", async () => {
    const shop = await createShop();
    expect(await writeTransaction(shop.id, "adjustment", "adjustment")).toBeNull();
    expect(await writeTransaction(shop.id, "gift", "adjustment")).toMatch(/invalid input value for enum "LedgerTransactionKind": "gift"/);
    expect(await writeTransaction(shop.id, "adjustment", "test")).toMatch(/invalid input value for enum "LedgerSubjectType": "test"/);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("converts the rows written as free strings in place (the migration's USING cast)", async () => {
    const shop = await createShop();
    const sql = await readFile(MIGRATION, "utf8");
    const convert = sql.slice(sql.indexOf('ALTER TABLE "LedgerTransaction"'));
    const owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await owner.connect();
    try {
      await owner.query("BEGIN");
      // The columns as they were before the migration, with a row written then.
      await owner.query(`ALTER TABLE "LedgerTransaction" ALTER COLUMN "kind" TYPE text, ALTER COLUMN "subjectType" TYPE text`);
      const event = await owner.query(
        `INSERT INTO "AuditEvent" ("shopId", "actorType", "action", "subjectType", "subjectId") VALUES ($1, 'system', 'x', 'commission', 'cm_1') RETURNING "id"`,
        [shop.id],
      );
      await owner.query(
        `INSERT INTO "LedgerTransaction" ("shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "auditEventId")
         VALUES ($1, 'earn_commission', 'commission:cm_1:earned', 'commission', 'cm_1', $2)`,
        [shop.id, event.rows[0].id],
      );
      await owner.query(convert);
      const { rows } = await owner.query(
        `SELECT "kind"::text AS kind, pg_typeof("kind")::text AS "kindType", "subjectType"::text AS "subjectType",
           pg_typeof("subjectType")::text AS "subjectTypeType"
         FROM "LedgerTransaction" WHERE "shopId" = $1`,
        [shop.id],
      );
      expect(rows).toEqual([
        { kind: "earn_commission", kindType: '"LedgerTransactionKind"', subjectType: "commission", subjectTypeType: '"LedgerSubjectType"' },
      ]);
    } finally {
      await owner.query("ROLLBACK");
      await owner.end();
    }
  });
});
