// Year-end: every creator the shop paid at least the year's reporting threshold in USD (on every
// rail, by payment date in the shop's time zone), with their W-9 data; creators whose form on file
// is a W-8BEN (not US persons) are left out.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { shopZone } from "../domain/calendar";
import { isReportable, REPORTING_CURRENCY } from "../domain/tax-reporting-thresholds";
import type { TinKind } from "../domain/tax/tin";
import type { Form1099NecRecipient } from "../documents/form-1099-nec-csv";
import { toMinorNumber } from "../ledger/to-minor-number";
import { openTin } from "./read-tax-forms-on-file.server";

interface Row {
  creatorId: string;
  creatorName: string;
  paidMinor: bigint;
}

export async function read1099NecRecipients(shop: { id: string; timezone: string }, year: number): Promise<Form1099NecRecipient[]> {
  const zone = shopZone(shop.timezone);
  const totals = await db().$queryRaw<Row[]>(Prisma.sql`
    SELECT p."creatorId", c."name" AS "creatorName", SUM(i."amountMinor") AS "paidMinor"
      FROM "Payout" p
      JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
      JOIN "Creator" c ON c."id" = p."creatorId" AND c."shopId" = p."shopId"
     WHERE p."shopId" = ${shop.id} AND p."currency" = ${REPORTING_CURRENCY} AND p."status" = 'paid'
       AND EXTRACT(YEAR FROM COALESCE(p."paidOn", (p."processedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${zone})::date)) = ${year}
     GROUP BY p."creatorId", c."name"
     ORDER BY c."name", p."creatorId"`);
  const reportable = totals.filter((row) => isReportable(toMinorNumber(row.paidMinor), year));
  const forms = await db().taxForm.findMany({
    where: { shopId: shop.id, creatorId: { in: reportable.map((row) => row.creatorId) }, supersededAt: null },
  });
  const formOf = new Map(forms.map((form) => [form.creatorId, form]));
  return reportable.flatMap((row) => {
    const form = formOf.get(row.creatorId);
    if (form?.kind === "w8ben") return [];
    const tinKind = form?.tinKind === "ssn" || form?.tinKind === "ein" ? (form.tinKind as TinKind) : null;
    return [
      {
        creatorId: row.creatorId,
        creatorName: row.creatorName,
        box1Minor: toMinorNumber(row.paidMinor),
        form: form
          ? {
              legalName: form.legalName,
              businessName: form.businessName,
              tinKind,
              tin: tinKind ? openTin(form) : null,
              addressLine: form.addressLine,
              city: form.city,
              state: form.region,
              zip: form.postalCode,
            }
          : null,
      },
    ];
  });
}
