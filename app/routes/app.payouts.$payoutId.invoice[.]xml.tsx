// GET /app/payouts/:payoutId/invoice.xml — the payout's self-billing invoice as a UBL 2.1 e-invoice
// (Peppol BIS Billing 3.0, self-billing). 404 for a payout of another shop, an unknown one or a
// draft; 422 with the sentence naming the fix when the invoice cannot be stated exactly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { fileResponse, refusalFrom } from "~/documents/document-responses";
import { renderInvoiceUbl } from "~/documents/invoice-ubl";
import { readEInvoiceDocument } from "~/documents/read-e-invoice.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  let invoice, xml;
  try {
    invoice = await readEInvoiceDocument(shop, params.payoutId!);
    xml = renderInvoiceUbl(invoice);
  } catch (error) {
    return refusalFrom(error);
  }
  return fileResponse(xml, { contentType: "application/xml; charset=utf-8", filename: `${invoice.invoiceLabel}.xml` });
};
