// GET /app/creators/:creatorId/tax-form.pdf — a PDF summary of the creator's W-9 / W-8BEN on file
// (TIN masked). 404 with a sentence for another shop's creator or when no form is on file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { fileResponse, refusalFrom } from "~/documents/document-responses";
import { renderTaxFormPdf } from "~/documents/tax-form-pdf";
import { readTaxFormSummary } from "~/tax-forms/read-tax-form-summary.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  let summary;
  try {
    summary = await readTaxFormSummary(shop, params.creatorId!);
  } catch (error) {
    return refusalFrom(error);
  }
  const pdf = await renderTaxFormPdf(summary);
  return fileResponse(pdf, { contentType: "application/pdf", filename: `${summary.title} - ${summary.creatorName}.pdf` });
};
