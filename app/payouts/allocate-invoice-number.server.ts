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
 * Takes the shop's next invoice number inside the caller's transaction. The UPDATE row-locks the
 * shop until commit, so numbers are handed out one at a time, and a rollback gives the number
 * back: the sequence stays gapless (DOMAIN.md §2).
 */
export async function allocateInvoiceNumber(tx: DbTransaction, shopId: string): Promise<InvoiceNumber> {
  const rows = await tx.$queryRaw<{ invoiceNumber: number; prefix: string }[]>(Prisma.sql`
    UPDATE "Shop" SET "nextInvoiceNumber" = "nextInvoiceNumber" + 1, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = ${shopId}
    RETURNING "nextInvoiceNumber" - 1 AS "invoiceNumber", "invoicePrefix" AS prefix`);
  const row = rows[0];
  if (!row) throw new Error(`allocateInvoiceNumber: shop ${shopId} does not exist.`);
  return { invoiceNumber: row.invoiceNumber, invoiceLabel: invoiceLabel(row.prefix, row.invoiceNumber) };
}
