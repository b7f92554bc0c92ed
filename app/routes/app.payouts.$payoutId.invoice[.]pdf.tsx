// GET /app/payouts/:payoutId/invoice.pdf — the payout's self-billing invoice as a PDF download.
// 404 with a sentence for a payout of another shop, an unknown one, or a draft (no invoice number yet).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { fileResponse, refusalFrom } from "~/documents/document-responses";
import { renderInvoicePdf } from "~/documents/invoice-pdf";
import { readInvoiceDocument } from "~/documents/read-invoice.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  let invoice;
  try {
    invoice = await readInvoiceDocument(shop, params.payoutId!);
  } catch (error) {
    return refusalFrom(error);
  }
  const pdf = await renderInvoicePdf(invoice);
  return fileResponse(pdf, { contentType: "application/pdf", filename: `${invoice.invoiceLabel}.pdf` });
};
