// /apps/creator-payouts/payouts/<id>/invoice.pdf: the payout's self-billing invoice (the same PDF
// the merchant downloads), for the creator it pays only. Another creator's payout, a draft or an
// unknown id is 404 alike.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { fileResponse, refusal, refusalFrom } from "~/documents/document-responses";
import { renderInvoicePdf } from "~/documents/invoice-pdf";
import { readInvoiceDocument } from "~/documents/read-invoice.server";
import { creatorOfRequest } from "~/portal/creator-of-request.server";
import { guardRead } from "~/portal/portal-guards.server";
import { portalStrings } from "~/portal/portal-strings";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const proxy = await guardRead(request);
  const creator = await creatorOfRequest(proxy);
  const notFound = refusal(404, portalStrings(proxy.locale).notFoundPayout);
  if (!creator) return notFound;
  const own = await db().payout.findFirst({
    where: { id: params.payoutId ?? "", shopId: proxy.shop.id, creatorId: creator.id, status: { not: "draft" } },
    select: { id: true },
  });
  if (!own) return notFound;
  let invoice;
  try {
    invoice = await readInvoiceDocument(proxy.shop, own.id);
  } catch (error) {
    return refusalFrom(error);
  }
  const pdf = await renderInvoicePdf(invoice);
  return fileResponse(pdf, { contentType: "application/pdf", filename: `${invoice.invoiceLabel}.pdf` });
};
