// The data of the creator's current tax form for its PDF summary (TIN masked).
import { fromDateColumn } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { formatShopDateTime } from "../domain/calendar";
import { maskTin } from "../domain/tax/tin";
import { db } from "../db.server";
import type { TaxFormSummary } from "../documents/tax-form-pdf";
import { openTin } from "./read-tax-forms-on-file.server";
import { TAX_CLASSIFICATIONS, type TaxClassification } from "./tax-form-schema";

export async function readTaxFormSummary(shop: { id: string; name: string; timezone: string }, creatorId: string): Promise<TaxFormSummary> {
  const form = await db().taxForm.findFirst({ where: { shopId: shop.id, creatorId, supersededAt: null } });
  if (!form) throw new DomainError("not_found", "This creator has no tax form on file.");
  const tin = form.tinKind === "ssn" || form.tinKind === "ein" ? openTin(form) : null;
  const address = [form.addressLine, [form.city, form.region, form.postalCode].filter(Boolean).join(" "), form.country].join(", ");
  const lines: [string, string | null][] =
    form.kind === "w9"
      ? [
          ["Name (as shown on the income tax return)", form.legalName],
          ["Business name", form.businessName],
          ["Federal tax classification", TAX_CLASSIFICATIONS[form.taxClassification as TaxClassification] ?? form.taxClassification],
          ["Address", address],
          [
            form.tinKind === "ein" ? "Employer identification number" : "Social security number",
            tin ? maskTin(form.tinKind as "ssn" | "ein", tin) : null,
          ],
        ]
      : [
          ["Name of individual", form.legalName],
          ["Country of citizenship", form.citizenshipCountry],
          ["Permanent residence address", address],
          ["Foreign tax identifying number", form.tinCiphertext ? "on file (not shown)" : null],
          ["Date of birth", form.dateOfBirth ? fromDateColumn(form.dateOfBirth) : null],
          [
            "Treaty benefits claimed",
            form.treatyCountry ? `${form.treatyCountry}${form.treatyArticle ? `, ${form.treatyArticle}` : ""}` : null,
          ],
          ["Valid through", form.validThrough ? fromDateColumn(form.validThrough) : null],
        ];
  const certification =
    form.source === "portal"
      ? [
          `Certified in the creator portal under penalties of perjury (checkbox ticked).`,
          `Signature (typed): ${form.signatureName ?? ""}`,
          `Signed ${formatShopDateTime(form.certifiedAt, shop.timezone)} from address ${form.certifiedFromAddress ?? "unknown"}.`,
        ]
      : [
          `Received on paper, signed ${fromDateColumn(form.signedOn)}.`,
          `Recorded by ${form.recordedBy ?? "staff"} on ${formatShopDateTime(form.certifiedAt, shop.timezone)}.`,
        ];
  return {
    title: form.kind === "w9" ? "Form W-9 summary" : "Form W-8BEN summary",
    shopName: shop.name,
    creatorName: form.legalName,
    lines,
    certification,
  };
}
