// /app/exports/paypal-payouts.csv — a PayPal Payouts bulk-upload file for ready payouts whose
// creator is paid by PayPal (format: app/documents/paypal-payouts-csv.ts). GET with a query or
// POST with a form; parameters:
//   payoutId  repeatable; the payouts to pay (default: every ready payout of the shop)
//   currency  the file's currency, PayPal takes one per file (default: the shop's currency)
//   preview   1 → JSON { currency, payments, skipped } instead of the file
// The file has no room for comments, so payouts left out are counted in the response header
// `X-Skipped-Payouts` (and the ones in the file in `X-Included-Payouts`); `preview=1` says which
// and why. Nothing payable by PayPal: 422 with a sentence.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { parseBankFileSelection, requestParams } from "~/documents/bank-file-request";
import { csvLines } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { PAYPAL_MAX_PAYMENTS_PER_FILE, paypalCsvRows, planPaypalPayouts } from "~/documents/paypal-payouts-csv";
import { nothingToPayMessage } from "~/documents/offline-payout-candidate";
import { readOfflinePayoutCandidates } from "~/documents/read-offline-payout-candidates.server";
import { isDomainError } from "~/domain/errors";
import { parseCurrencyCode } from "~/domain/currency";
import { now } from "~/lib/clock.server";
import { todayInTimeZone } from "~/domain/calendar";

async function paypalPayoutsFile({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { shop } = await requireStaff(request);
  const params = await requestParams(request);
  const selection = parseBankFileSelection(params);
  if (!selection.ok) return refusal(400, selection.message);
  let currency: string;
  try {
    currency = parseCurrencyCode(params.get("currency") || shop.currency);
  } catch (error) {
    if (isDomainError(error)) return refusal(400, `"currency" must be an ISO 4217 code like USD: ${error.message}`);
    throw error;
  }

  const { candidates, unknownIds } = await readOfflinePayoutCandidates(shop.id, selection.value.payoutIds);
  const file = planPaypalPayouts({ shopName: shop.name, currency, candidates, unknownIds, now: now() });
  if (selection.value.preview) {
    return Response.json(
      { currency: file.currency, payments: file.payments, skipped: file.skipped },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  }
  if (file.payments.length === 0) {
    return refusal(422, nothingToPayMessage(`PayPal in ${currency}`, file.skipped));
  }
  if (file.payments.length > PAYPAL_MAX_PAYMENTS_PER_FILE) {
    return refusal(
      400,
      `PayPal takes at most ${PAYPAL_MAX_PAYMENTS_PER_FILE.toLocaleString("en-US")} payments per file; select fewer payouts.`,
    );
  }
  return fileResponse(csvLines(paypalCsvRows(file)), {
    contentType: "text/csv; charset=utf-8",
    filename: `paypal-payouts-${currency}-${todayInTimeZone(now(), shop.timezone)}.csv`,
    headers: { "X-Included-Payouts": String(file.payments.length), "X-Skipped-Payouts": String(file.skipped.length) },
  });
}

export const loader = paypalPayoutsFile;
export const action = paypalPayoutsFile;
