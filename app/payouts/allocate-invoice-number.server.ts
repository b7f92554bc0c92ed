import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";

export interface InvoiceNumber {
  invoiceNumber: number;
  invoiceLabel: string;
}

export function invoiceLabel(prefix: string, invoiceNumber: number): string {
  return `${prefix}${String(invoiceNumber).padStart(5, "0")}`;
}

/**
 * Takes the shop's next `count` invoice numbers, in order, inside the caller's transaction. The
 * one UPDATE row-locks the shop until commit, so numbers are handed out one batch at a time, and a
 * rollback gives them back: the sequence stays gapless (DOMAIN.md §2).
 */
export async function allocateInvoiceNumbers(tx: DbTransaction, shopId: string, count: number): Promise<InvoiceNumber[]> {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`allocateInvoiceNumbers: ${count} is not a count.`);
  if (count === 0) return [];
  const rows = await tx.$queryRaw<{ first: number; prefix: string }[]>(Prisma.sql`
    UPDATE "Shop" SET "nextInvoiceNumber" = "nextInvoiceNumber" + ${count}::int, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = ${shopId}
    RETURNING "nextInvoiceNumber" - ${count}::int AS "first", "invoicePrefix" AS prefix`);
  const row = rows[0];
  if (!row) throw new Error(`allocateInvoiceNumbers: shop ${shopId} does not exist.`);
  return Array.from({ length: count }, (_, index) => ({
    invoiceNumber: row.first + index,
    invoiceLabel: invoiceLabel(row.prefix, row.first + index),
  }));
}

/**
 * The same allocation as a CTE body for a set-based writer that numbers rows it selects in SQL
 * (insertSelectedPayouts): takes `count` numbers (a SQL expression, evaluated once) and returns
 * one row (`first`, `prefix`), or none when `count` is 0 (then the shop row is not touched).
 */
export function allocateInvoiceNumbersSql(shopId: string, count: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Shop" SET "nextInvoiceNumber" = "nextInvoiceNumber" + (${count})::int, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = ${shopId} AND (${count}) > 0
    RETURNING "nextInvoiceNumber" - (${count})::int AS "first", "invoicePrefix" AS "prefix"`;
}

/** invoiceLabel() in SQL: the prefix and the number, zero-padded to at least five digits. */
export function invoiceLabelSql(prefix: Prisma.Sql, invoiceNumber: Prisma.Sql): Prisma.Sql {
  // lpad() also truncates; a number of more than five digits is written whole, as padStart does.
  return Prisma.sql`(${prefix} || CASE WHEN length((${invoiceNumber})::text) >= 5 THEN (${invoiceNumber})::text ELSE lpad((${invoiceNumber})::text, 5, '0') END)`;
}

/** One invoice number: the batch of one. */
export async function allocateInvoiceNumber(tx: DbTransaction, shopId: string): Promise<InvoiceNumber> {
  const [number] = await allocateInvoiceNumbers(tx, shopId, 1);
  return number;
}
