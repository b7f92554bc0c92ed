// The creator's current tax form (the latest one not superseded) with its TIN masked for the
// merchant, and whether it is valid today.
import { Prisma, type TaxForm } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { db } from "../db.server";
import { fromDateColumn, toDateColumn, type CalendarDate } from "../domain/calendar";
import { isFormValidOn, needsRenewal } from "../domain/tax/tax-form-validity";
import { maskTin } from "../domain/tax/tin";
import { open, SecretBoxError } from "../lib/secret-box.server";
import { taxFormTinField } from "../lib/sealed-columns.server";

export interface TaxFormOnFile {
  id: string;
  kind: "w9" | "w8ben";
  source: "portal" | "paper";
  legalName: string;
  signedOn: CalendarDate;
  validThrough: CalendarDate | null;
  validToday: boolean;
  renewalDue: boolean;
  /** "***-**-6789" (SSN), "**-***6789" (EIN), "foreign tax id on file" or null. */
  maskedTin: string | null;
}

type Reader = Pick<DbTransaction, "taxForm">;

export function readCurrentTaxFormRows(client: Reader, shopId: string, creatorIds: readonly string[]): Promise<TaxForm[]> {
  return client.taxForm.findMany({ where: { shopId, creatorId: { in: [...creatorIds] }, supersededAt: null } });
}

/** Opens the sealed TIN (null when none, or when it cannot be opened any more). */
export function openTin(form: Pick<TaxForm, "id" | "shopId" | "tinCiphertext">): string | null {
  if (!form.tinCiphertext) return null;
  try {
    return open(form.tinCiphertext, taxFormTinField(form));
  } catch (error) {
    if (error instanceof SecretBoxError) return null;
    throw error;
  }
}

/** The columns a form on file is described from. */
export type TaxFormOnFileColumns = Pick<
  TaxForm,
  "id" | "shopId" | "kind" | "source" | "legalName" | "signedOn" | "validThrough" | "tinKind" | "tinCiphertext"
>;

export function describeTaxForm(form: TaxFormOnFileColumns, today: CalendarDate): TaxFormOnFile {
  const validThrough = form.validThrough ? fromDateColumn(form.validThrough) : null;
  const tin = form.tinKind === "ssn" || form.tinKind === "ein" ? openTin(form) : null;
  return {
    id: form.id,
    kind: form.kind,
    source: form.source,
    legalName: form.legalName,
    signedOn: fromDateColumn(form.signedOn),
    validThrough,
    validToday: isFormValidOn({ kind: form.kind, validThrough }, today),
    renewalDue: needsRenewal({ kind: form.kind, validThrough }, today),
    maskedTin:
      form.tinKind === "foreign"
        ? "foreign tax id on file"
        : tin
          ? maskTin(form.tinKind as "ssn" | "ein", tin)
          : form.tinKind
            ? "••••"
            : null,
  };
}

export async function readTaxFormOnFile(shopId: string, creatorId: string, today: CalendarDate): Promise<TaxFormOnFile | null> {
  const [row] = await readCurrentTaxFormRows(db(), shopId, [creatorId]);
  return row ? describeTaxForm(row, today) : null;
}

/**
 * The current form's columns as one JSON value (null when none), for a page that reads everything
 * in one statement (the portal, issue 16 §4): the latest form not superseded. Dates come back as
 * "YYYY-MM-DD" text; `taxFormFromJson` turns the value into the columns `describeTaxForm` takes.
 */
export function currentTaxFormJsonSql(shopId: string, creatorId: string): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object('id', f."id", 'shopId', f."shopId", 'kind', f."kind", 'source', f."source",
      'legalName', f."legalName", 'signedOn', f."signedOn", 'validThrough', f."validThrough", 'tinKind', f."tinKind",
      'tinCiphertext', f."tinCiphertext")
    FROM "TaxForm" f WHERE f."shopId" = ${shopId} AND f."creatorId" = ${creatorId} AND f."supersededAt" IS NULL
    ORDER BY f."createdAt" DESC, f."id" DESC LIMIT 1)`;
}

export type TaxFormJson = Omit<TaxFormOnFileColumns, "signedOn" | "validThrough"> & { signedOn: string; validThrough: string | null };

export function taxFormFromJson(json: TaxFormJson): TaxFormOnFileColumns {
  return {
    ...json,
    signedOn: toDateColumn(json.signedOn),
    validThrough: json.validThrough === null ? null : toDateColumn(json.validThrough),
  };
}
