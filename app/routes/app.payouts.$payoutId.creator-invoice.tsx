// GET /app/payouts/:payoutId/creator-invoice — the invoice the creator uploaded when accepting
// the payout's review (PDF or image, type checked by content on upload), for the shop's staff.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { fileResponse, refusalFrom } from "~/documents/document-responses";
import { readPayoutInvoiceFile } from "~/portal/actions/review-payout.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  try {
    const file = await readPayoutInvoiceFile(shop.id, params.payoutId!, { staff: true });
    return fileResponse(file.bytes as Uint8Array<ArrayBuffer>, { contentType: file.contentType, filename: file.fileName });
  } catch (error) {
    return refusalFrom(error);
  }
};
