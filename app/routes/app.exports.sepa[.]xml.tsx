// /app/exports/sepa.xml — a SEPA credit transfer file (pain.001.001.09) paying ready EUR payouts
// to creators' IBANs from the shop's account (app/documents/sepa-credit-transfer.ts). GET with a
// query or POST with a form (preferred: it keeps the shop's IBAN out of URLs); parameters:
//   debtorName     the shop's account holder name (required, up to 70 characters)
//   debtorIban     the shop's IBAN to pay from (required, a SEPA country)
//   debtorBic      its BIC (optional)
//   executionDate  YYYY-MM-DD, not in the past (default: today in the shop's time zone)
//   payoutId       repeatable; the payouts to pay (default: every ready payout of the shop)
//   preview        1 → JSON { controlSum, transfers, skipped } instead of the file (no debtor needed)
// Payouts left out (not EUR, no valid IBAN, not ready…) are counted in `X-Skipped-Payouts`
// (the ones in the file in `X-Included-Payouts`); `preview=1` says which and why. Bad debtor
// details: 400 with a sentence; nothing payable by SEPA: 422.
import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { parseBankFileSelection, requestParams } from "~/documents/bank-file-request";
import { fileResponse, refusal } from "~/documents/document-responses";
import { parseQuery } from "~/documents/export-filters";
import { nothingToPayMessage } from "~/documents/offline-payout-candidate";
import { readOfflinePayoutCandidates } from "~/documents/read-offline-payout-candidates.server";
import { buildSepaCreditTransfer, maskIban, planSepaTransfers, sepaDebtorSchema, sepaMessageId } from "~/documents/sepa-credit-transfer";
import { toDecimalString } from "~/domain/money";
import { now } from "~/lib/clock.server";
import { todayInTimeZone } from "~/domain/calendar";

async function sepaFile({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { shop } = await requireStaff(request);
  const params = await requestParams(request);
  const selection = parseBankFileSelection(params);
  if (!selection.ok) return refusal(400, selection.message);

  const createdAt = now();
  const { candidates, unknownIds } = await readOfflinePayoutCandidates(shop.id, selection.value.payoutIds);
  const plan = planSepaTransfers({ candidates, unknownIds, now: createdAt });
  if (selection.value.preview) {
    const totalMinor = plan.transfers.reduce((sum, transfer) => sum + transfer.amountMinor, 0);
    return Response.json(
      {
        controlSum: toDecimalString({ amountMinor: totalMinor, currency: "EUR" }),
        transfers: plan.transfers.map(({ payoutId, invoiceLabel, creatorName, accountHolder, creditorIban, amount }) => ({
          payoutId,
          invoiceLabel,
          creatorName,
          accountHolder,
          iban: maskIban(creditorIban),
          amount,
        })),
        skipped: plan.skipped,
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  }

  const debtor = parseQuery(sepaDebtorSchema(todayInTimeZone(createdAt, shop.timezone)), params);
  if (!debtor.ok) return refusal(400, debtor.message);
  if (plan.transfers.length === 0) {
    return refusal(422, nothingToPayMessage("SEPA transfer", plan.skipped));
  }
  const file = buildSepaCreditTransfer({
    debtor: debtor.value,
    transfers: plan.transfers,
    messageId: sepaMessageId(createdAt, randomBytes(4).toString("hex")),
    createdAt,
  });
  return fileResponse(file.xml, {
    contentType: "application/xml; charset=utf-8",
    filename: `sepa-${file.messageId}.xml`,
    headers: { "X-Included-Payouts": String(plan.transfers.length), "X-Skipped-Payouts": String(plan.skipped.length) },
  });
}

export const loader = sepaFile;
export const action = sepaFile;
