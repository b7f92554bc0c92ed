// Stores a W-9 or W-8BEN (from the portal or recorded on paper): the TIN sealed, the creator's
// previous form superseded, an audit event without the TIN. One transaction; a refused form
// (parseForm throws before) writes nothing.
import { randomUUID } from "node:crypto";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { toDateColumn, type CalendarDate } from "../domain/calendar";
import { maskTin } from "../domain/tax/tin";
import { w8benValidThrough } from "../domain/tax/tax-form-validity";
import { seal } from "../lib/secret-box.server";
import { taxFormTinField } from "../lib/sealed-columns.server";
import type { W8benInput, W9Input } from "./tax-form-schema";

export type TaxFormData = ({ kind: "w9" } & W9Input) | ({ kind: "w8ben" } & W8benInput);

export interface TaxFormCertification {
  source: "portal" | "paper";
  signedOn: CalendarDate;
  certifiedAt: Date;
  /** The request's client address (portal). */
  fromAddress: string | null;
  actor: Actor;
}

export async function saveTaxForm(
  tx: DbTransaction,
  shopId: string,
  creatorId: string,
  form: TaxFormData,
  certification: TaxFormCertification,
): Promise<{ id: string }> {
  // Serialise forms of one creator, so exactly one stays current.
  await tx.$queryRaw`SELECT 1 FROM "Creator" WHERE "id" = ${creatorId} AND "shopId" = ${shopId} FOR UPDATE`;
  const id = `tf_${randomUUID().replace(/-/g, "")}`;
  const tin =
    form.kind === "w9" ? { kind: form.tinKind, value: form.tin } : form.foreignTaxId ? { kind: "foreign", value: form.foreignTaxId } : null;
  await tx.taxForm.updateMany({ where: { shopId, creatorId, supersededAt: null }, data: { supersededAt: certification.certifiedAt } });
  await tx.taxForm.create({
    data: {
      id,
      shopId,
      creatorId,
      kind: form.kind,
      source: certification.source,
      legalName: form.legalName,
      businessName: form.kind === "w9" ? form.businessName : null,
      taxClassification: form.kind === "w9" ? form.taxClassification : null,
      addressLine: form.addressLine,
      city: form.city,
      region: form.region,
      postalCode: form.postalCode,
      country: form.kind === "w9" ? "US" : form.country,
      tinKind: tin?.kind ?? null,
      tinCiphertext: tin ? seal(tin.value, taxFormTinField({ id, shopId })) : null,
      citizenshipCountry: form.kind === "w8ben" ? form.citizenshipCountry : null,
      treatyCountry: form.kind === "w8ben" ? form.treatyCountry : null,
      treatyArticle: form.kind === "w8ben" ? form.treatyArticle : null,
      dateOfBirth: form.kind === "w8ben" ? toDateColumn(form.dateOfBirth) : null,
      signatureName: form.signature,
      signedOn: toDateColumn(certification.signedOn),
      certifiedAt: certification.certifiedAt,
      certifiedFromAddress: certification.fromAddress,
      recordedBy: certification.source === "paper" ? (certification.actor.id ?? certification.actor.type) : null,
      validThrough: form.kind === "w8ben" ? toDateColumn(w8benValidThrough(certification.signedOn)) : null,
      createdAt: certification.certifiedAt,
    },
  });
  await tx.creator.update({ where: { id: creatorId, shopId }, data: { taxFormOnFile: true } });
  await recordAuditEvent(tx, {
    shopId,
    actor: certification.actor,
    action: certification.source === "paper" ? "tax_form.paper_recorded" : "tax_form.certified",
    subject: { type: "creator", id: creatorId },
    after: {
      taxFormId: id,
      kind: form.kind,
      signedOn: certification.signedOn,
      fromAddress: certification.fromAddress,
      // Never the TIN itself: its masked form only.
      tin: tin && tin.kind !== "foreign" ? maskTin(tin.kind as "ssn" | "ein", tin.value) : tin ? "foreign tax id given" : null,
    },
  });
  return { id };
}
