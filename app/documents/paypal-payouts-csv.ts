// The PayPal Payouts bulk file ("Payouts Web" upload), following PayPal's developer docs
// (developer.paypal.com, Payouts → "Use Web UI" / "Payouts Web"): no header row; one payment per
// line with the columns, left to right,
//   recipient identifier (PayPal email) · amount · currency (ISO 4217) · customer ID (optional,
//   max 30 characters, no spaces) · note to recipient (optional, max 400) · recipient wallet (PAYPAL);
// one currency per file and at most 5,000 payments per file. Amounts use a decimal point
// ("100.50"), which PayPal validates on upload.
import { toDecimalString } from "../domain/money";
import type { CsvCell } from "./csv";
import {
  methodWords,
  notFound,
  offlineDetailsOrSkip,
  skipped,
  type OfflinePayoutCandidate,
  type SkippedPayout,
} from "./offline-payout-candidate";

export const PAYPAL_MAX_PAYMENTS_PER_FILE = 5000;
const NOTE_MAX_LENGTH = 400;

export interface PaypalPayment {
  payoutId: string;
  invoiceLabel: string;
  creatorName: string;
  paypalEmail: string;
  amount: string;
  currency: string;
  note: string;
}

export interface PaypalPayoutFile {
  currency: string;
  payments: PaypalPayment[];
  skipped: SkippedPayout[];
}

/** Sorts the candidates into PayPal payments and skipped payouts, each skip with its reason. */
export function planPaypalPayouts(input: {
  shopName: string;
  currency: string;
  candidates: readonly OfflinePayoutCandidate[];
  unknownIds: readonly string[];
  now: Date;
}): PaypalPayoutFile {
  const payments: PaypalPayment[] = [];
  const skips: SkippedPayout[] = input.unknownIds.map(notFound);
  for (const candidate of input.candidates) {
    const recipient = paypalRecipient(candidate, input.currency, input.now);
    if ("reason" in recipient) {
      skips.push(skipped(candidate, recipient.reason));
      continue;
    }
    const invoiceLabel = candidate.invoiceLabel ?? candidate.payoutId;
    payments.push({
      payoutId: candidate.payoutId,
      invoiceLabel,
      creatorName: candidate.creator.name,
      paypalEmail: recipient.paypalEmail,
      amount: toDecimalString({ amountMinor: candidate.amountMinor, currency: candidate.currency }),
      currency: candidate.currency,
      note: `Payout ${invoiceLabel} from ${input.shopName}`.slice(0, NOTE_MAX_LENGTH),
    });
  }
  return { currency: input.currency, payments, skipped: skips };
}

function paypalRecipient(candidate: OfflinePayoutCandidate, fileCurrency: string, now: Date): { paypalEmail: string } | { reason: string } {
  const checked = offlineDetailsOrSkip(candidate, now);
  if ("reason" in checked) return checked;
  if (candidate.currency !== fileCurrency) {
    return { reason: `It is in ${candidate.currency}; this PayPal file is in ${fileCurrency} (PayPal takes one currency per file).` };
  }
  const { details } = checked;
  if (details.method !== "paypal") return { reason: `The creator's payout details are for ${methodWords(details.method)}, not PayPal.` };
  // An address a spreadsheet would run as a formula cannot be written safely as it is; rare enough to pay by hand.
  if (/^[=+\-@]/.test(details.paypalEmail)) {
    return { reason: "The creator's PayPal email starts with a formula character; pay this one by hand." };
  }
  return { paypalEmail: details.paypalEmail };
}

/** The file's lines: no header row (PayPal reads every line as a payment). Customer ID is left empty. */
export function paypalCsvRows(file: PaypalPayoutFile): CsvCell[][] {
  return file.payments.map((payment) => [payment.paypalEmail, payment.amount, payment.currency, "", payment.note, "PAYPAL"]);
}
