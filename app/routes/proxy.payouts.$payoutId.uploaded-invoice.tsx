// /apps/creator-payouts/payouts/<id>/uploaded-invoice: the invoice the creator uploaded when
// accepting a payout, for that creator only (anyone else: 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse, refusal, refusalFrom } from "~/documents/document-responses";
import { readPayoutInvoiceFile } from "~/portal/actions/review-payout.server";
import { creatorOfRequest } from "~/portal/creator-of-request.server";
import { guardRead } from "~/portal/portal-guards.server";
import { portalStrings } from "~/portal/portal-strings";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const proxy = await guardRead(request);
  const creator = await creatorOfRequest(proxy);
  if (!creator) return refusal(404, portalStrings(proxy.locale).notFoundPayout);
  try {
    const file = await readPayoutInvoiceFile(proxy.shop.id, params.payoutId ?? "", { creatorId: creator.id });
    return fileResponse(file.bytes as Uint8Array<ArrayBuffer>, { contentType: file.contentType, filename: file.fileName });
  } catch (error) {
    return refusalFrom(error);
  }
};
