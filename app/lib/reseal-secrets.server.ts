// Re-seals every stored secret under the newest key (the first of ENCRYPTION_KEYS) and in the
// current format, so an older key can be removed afterwards. Walks each sealed column by primary
// key in batches; each batch is one transaction that locks its rows, so a value changed
// concurrently is re-read, not overwritten. Values already current are left alone: running it
// twice changes nothing the second time.
import type pg from "pg";
import { SEALED_COLUMNS, type SealedColumn } from "./sealed-columns.server";
import { isSealedWithCurrentKey, open, seal, SecretBoxError } from "./secret-box.server";

export interface ResealCount {
  table: string;
  column: string;
  resealed: number;
  alreadyCurrent: number;
  /** Values that open with no configured key or at no address: left as they are. */
  unreadable: { rowId: string; reason: string }[];
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

async function resealColumn(pool: pg.Pool, sealedColumn: SealedColumn, batchSize: number): Promise<ResealCount> {
  const { table, column, shopIdColumn } = sealedColumn;
  const count: ResealCount = { table, column, resealed: 0, alreadyCurrent: 0, unreadable: [] };
  let after = "";
  for (;;) {
    const client = await pool.connect();
    let lastId: string | null = null;
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string; shopId: string; sealed: string }>(
        `SELECT id, ${quote(shopIdColumn)} AS "shopId", ${quote(column)} AS sealed FROM ${quote(table)}
          WHERE ${quote(column)} IS NOT NULL AND id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
        [after, batchSize],
      );
      for (const row of rows) {
        lastId = row.id;
        if (isSealedWithCurrentKey(row.sealed)) {
          count.alreadyCurrent += 1;
          continue;
        }
        const field = { shopId: row.shopId, table, column, rowId: row.id };
        let plaintext: string;
        try {
          plaintext = open(row.sealed, field);
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          count.unreadable.push({ rowId: row.id, reason: error.message });
          continue;
        }
        await client.query(`UPDATE ${quote(table)} SET ${quote(column)} = $1 WHERE id = $2`, [seal(plaintext, field), row.id]);
        count.resealed += 1;
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    if (lastId === null) return count;
    after = lastId;
  }
}

export async function resealSecrets(pool: pg.Pool, options: { batchSize?: number } = {}): Promise<ResealCount[]> {
  const counts: ResealCount[] = [];
  for (const sealedColumn of SEALED_COLUMNS) counts.push(await resealColumn(pool, sealedColumn, options.batchSize ?? 200));
  return counts;
}
