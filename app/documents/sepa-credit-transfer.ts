// The SEPA credit transfer file (ISO 20022 pain.001.001.09, made with the `sepa` library) that
// pays ready EUR payouts from the shop's bank account: one transfer per payout, its invoice label
// as end-to-end id and remittance information. Pure: data in, XML out.
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from "ibantools";
import { Document } from "sepa";
import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";
import { toDecimalString } from "../domain/money";
import {
  methodWords,
  notFound,
  offlineDetailsOrSkip,
  skipped,
  type OfflinePayoutCandidate,
  type SkippedPayout,
} from "./offline-payout-candidate";

export const SEPA_PAIN_FORMAT = "pain.001.001.09";
const SEPA_MAX_AMOUNT_MINOR = 99_999_999_999; // 999,999,999.99 EUR, the scheme's limit per transfer

// ---------------------------------------------------------------------------------------------
// Text: the EPC's basic Latin character set
// ---------------------------------------------------------------------------------------------

const LATIN_LETTER: Record<string, string> = {
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ı: "i",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "TH",
  ħ: "h",
  Ħ: "H",
  "&": "+",
};

/**
 * Text as every SEPA bank accepts it (EPC guidance: a-z A-Z 0-9 / - ? : ( ) . , ' + and space):
 * accents dropped ("Zoë" → "Zoe", "Yılmaz" → "Yilmaz"), anything else replaced by a space, at
 * most `maxLength` characters.
 */
export function sepaText(value: string, maxLength: number): string {
  const latin = [...value.normalize("NFC")].map((char) => LATIN_LETTER[char] ?? char.normalize("NFD").replace(/\p{M}/gu, "")).join("");
  return latin
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxLength)
    .trim();
}

/** An identifier (end-to-end id): SEPA text of at most 35 characters, not starting with "/" nor containing "//". */
export function sepaIdentifier(value: string): string {
  return sepaText(value, 35)
    .replace(/\/{2,}/g, "/")
    .replace(/^\//, "")
    .replace(/ /g, "-");
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

// Territories whose BICs carry their own country code but whose IBANs use the parent's.
const IBAN_TERRITORIES: Record<string, string[]> = {
  FI: ["AX"],
  FR: ["GF", "GP", "MQ", "RE", "PF", "TF", "YT", "NC", "BL", "MF", "PM", "WF"],
  GB: ["IM", "JE", "GG"],
};

function bicMatchesIban(bic: string, iban: string): boolean {
  const ibanCountry = iban.slice(0, 2);
  const bicCountry = bic.slice(4, 6);
  return bicCountry === ibanCountry || (IBAN_TERRITORIES[ibanCountry] ?? []).includes(bicCountry);
}

export type AccountCheck = { ok: true; iban: string; bic: string | null } | { ok: false; problem: string };

/** An IBAN (and optional BIC) a SEPA transfer can use, in electronic format, or what is wrong with it. */
export function checkSepaAccount(rawIban: string, rawBic?: string | null): AccountCheck {
  const iban = electronicFormatIBAN(rawIban) ?? "";
  if (!isValidIBAN(iban)) return { ok: false, problem: "is not a valid IBAN" };
  if (!isSEPACountry(iban.slice(0, 2))) return { ok: false, problem: `is from ${iban.slice(0, 2)}, outside the SEPA area` };
  const bic = rawBic?.replace(/\s+/g, "").toUpperCase() || null;
  if (bic !== null && !isValidBIC(bic)) return { ok: false, problem: `has a BIC (${bic}) that is not valid` };
  if (bic !== null && !bicMatchesIban(bic, iban)) return { ok: false, problem: `has a BIC (${bic}) from another country than the IBAN` };
  return { ok: true, iban, bic };
}

/** "DE89 … 3000": enough for the merchant to recognise an account, in messages and previews. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return compact.length > 8 ? `${compact.slice(0, 4)} … ${compact.slice(-4)}` : compact;
}

// ---------------------------------------------------------------------------------------------
// The debtor: the shop's own account, filled in by the merchant
// ---------------------------------------------------------------------------------------------

/** `today` is the shop's date (YYYY-MM-DD): the bank cannot execute a transfer in the past. */
export function sepaDebtorSchema(today: string) {
  return z
    .object({
      debtorName: z
        .string({ required_error: "Enter the name of the account holder of the shop's bank account." })
        .trim()
        .min(1, "Enter the name of the account holder of the shop's bank account.")
        .max(70, "Keep the account holder name to 70 characters.")
        .refine((name) => sepaText(name, 70).length > 0, "The account holder name needs at least one Latin letter or digit."),
      debtorIban: z.string({ required_error: "Enter the IBAN of the shop's bank account to pay from." }).trim(),
      debtorBic: z.string().trim().optional(),
      executionDate: z
        .string()
        .trim()
        .optional()
        .refine((value) => value === undefined || isCalendarDate(value), "The execution date must be a date like 2026-01-31.")
        .refine((value) => value === undefined || value >= today, "The execution date cannot be in the past."),
    })
    .transform((input, ctx) => {
      const account = checkSepaAccount(input.debtorIban, input.debtorBic);
      if (!account.ok) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["debtorIban"],
          message: `The shop's bank account ${account.problem}.`,
        });
        return z.NEVER;
      }
      return { name: input.debtorName, iban: account.iban, bic: account.bic, executionDate: input.executionDate ?? today };
    });
}

export type SepaDebtor = z.output<ReturnType<typeof sepaDebtorSchema>>;

// ---------------------------------------------------------------------------------------------
// Which payouts: ready EUR payouts of creators with bank details
// ---------------------------------------------------------------------------------------------

export interface SepaTransfer {
  payoutId: string;
  invoiceLabel: string;
  creatorName: string;
  /** The account holder named in the creator's bank details. */
  accountHolder: string;
  creditorIban: string;
  creditorBic: string | null;
  amountMinor: number;
  /** Exact, e.g. "250.75". */
  amount: string;
}

export function planSepaTransfers(input: { candidates: readonly OfflinePayoutCandidate[]; unknownIds: readonly string[]; now: Date }): {
  transfers: SepaTransfer[];
  skipped: SkippedPayout[];
} {
  const transfers: SepaTransfer[] = [];
  const skips: SkippedPayout[] = input.unknownIds.map(notFound);
  for (const candidate of input.candidates) {
    const creditor = sepaCreditor(candidate, input.now);
    if ("reason" in creditor) {
      skips.push(skipped(candidate, creditor.reason));
      continue;
    }
    transfers.push({
      payoutId: candidate.payoutId,
      invoiceLabel: candidate.invoiceLabel ?? candidate.payoutId,
      creatorName: candidate.creator.name,
      accountHolder: creditor.accountHolder,
      creditorIban: creditor.iban,
      creditorBic: creditor.bic,
      amountMinor: candidate.amountMinor,
      amount: toDecimalString({ amountMinor: candidate.amountMinor, currency: "EUR" }),
    });
  }
  return { transfers, skipped: skips };
}

function sepaCreditor(
  candidate: OfflinePayoutCandidate,
  now: Date,
): { accountHolder: string; iban: string; bic: string | null } | { reason: string } {
  const checked = offlineDetailsOrSkip(candidate, now);
  if ("reason" in checked) return checked;
  if (candidate.currency !== "EUR") return { reason: `It is in ${candidate.currency}; SEPA transfers are in EUR only.` };
  const { details } = checked;
  if (details.method !== "bank_transfer") {
    return { reason: `The creator's payout details are for ${methodWords(details.method)}, not a bank transfer.` };
  }
  const account = checkSepaAccount(details.iban, details.bic);
  if (!account.ok) return { reason: `The creator's bank account ${maskIban(details.iban)} ${account.problem}.` };
  if (candidate.amountMinor > SEPA_MAX_AMOUNT_MINOR) return { reason: "It is above the SEPA limit of 999,999,999.99 EUR per transfer." };
  if (sepaText(details.accountHolder, 70) === "") return { reason: "The creator's account holder name has no Latin letters or digits." };
  return { accountHolder: details.accountHolder, iban: account.iban, bic: account.bic };
}

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

export interface SepaFile {
  xml: string;
  messageId: string;
  numberOfTransactions: number;
  /** The exact sum of the transfers, e.g. "281.50". */
  controlSum: string;
}

/** A message id unique per file: at most 35 characters with room for the library's ".0.<n>" suffixes. */
export function sepaMessageId(createdAt: Date, random: string): string {
  return `CP-${createdAt.toISOString().replace(/\D/g, "").slice(0, 14)}-${random.slice(0, 8)}`;
}

/** `YYYY-MM-DD` as a Date whose local calendar day is that day (the library formats local dates). */
function localDate(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year, month - 1, date);
}

export function buildSepaCreditTransfer(input: {
  debtor: SepaDebtor;
  transfers: readonly SepaTransfer[];
  messageId: string;
  createdAt: Date;
}): SepaFile {
  const { debtor, transfers } = input;
  if (transfers.length === 0) throw new Error("buildSepaCreditTransfer: a SEPA file needs at least one transfer.");

  const doc = new Document(SEPA_PAIN_FORMAT);
  doc.grpHdr.id = input.messageId;
  doc.grpHdr.created = input.createdAt;
  doc.grpHdr.initiatorName = sepaText(debtor.name, 70);

  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = localDate(debtor.executionDate);
  info.debtorName = sepaText(debtor.name, 70);
  info.debtorIBAN = debtor.iban;
  info.debtorBIC = debtor.bic ?? "";
  doc.addPaymentInfo(info);

  for (const transfer of transfers) {
    const tx = info.createTransaction();
    tx.creditorName = sepaText(transfer.accountHolder, 70);
    tx.creditorIBAN = transfer.creditorIban;
    tx.creditorBIC = transfer.creditorBic ?? "";
    // The library takes a JS number; a cent amount below 1e9 EUR converts and prints back exactly
    // with two decimals. The output is checked against the exact decimal strings below regardless.
    tx.amount = Number(transfer.amount);
    tx.currency = "EUR";
    tx.end2endId = sepaIdentifier(transfer.invoiceLabel);
    tx.remittanceInfo = sepaText(transfer.invoiceLabel, 140);
    info.addTransaction(tx);
  }

  const xml = doc.toString();
  const totalMinor = transfers.reduce((sum, transfer) => sum + BigInt(transfer.amountMinor), 0n);
  const controlSum = toDecimalString({ amountMinor: Number(totalMinor), currency: "EUR" });
  assertSepaTotals(xml, { controlSum, amounts: transfers.map((transfer) => transfer.amount) });
  return { xml, messageId: input.messageId, numberOfTransactions: transfers.length, controlSum };
}

/**
 * The library sums amounts as floats; money must be exact. Checks the file says exactly what the
 * payouts say: every instructed amount in order, the count and the control sums (group header and
 * payment information). A mismatch is a bug, never a file to hand to a bank.
 */
export function assertSepaTotals(xml: string, expected: { controlSum: string; amounts: readonly string[] }): void {
  const all = (tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, "g"))].map((match) => match[1]);
  const amounts = all("InstdAmt");
  const problems: string[] = [];
  if (amounts.join("|") !== expected.amounts.join("|")) problems.push(`amounts ${amounts.join(", ")} ≠ ${expected.amounts.join(", ")}`);
  for (const sum of all("CtrlSum")) if (sum !== expected.controlSum) problems.push(`control sum ${sum} ≠ ${expected.controlSum}`);
  for (const count of all("NbOfTxs"))
    if (count !== String(expected.amounts.length)) problems.push(`count ${count} ≠ ${expected.amounts.length}`);
  if (all("CtrlSum").length !== 2 || all("NbOfTxs").length !== 2) problems.push("missing control sum or count");
  if (problems.length > 0) throw new Error(`The SEPA file does not match the payouts: ${problems.join("; ")}.`);
}
