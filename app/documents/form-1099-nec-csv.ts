// Year-end Form 1099-NEC data for every reportable creator, as a CSV whose columns carry the field
// names of 1099 Pro's documented import layout (wiki.1099pro.com: "Filer Common Fields",
// "Recipient Common Fields", and the 1099-NEC form fields "Box 1 Amount", "Box 4 Amount", …).
// The filer's columns are prefixed "Filer " so one row holds both parties. Amounts are plain
// decimals without "$" or commas, as 1099 import wizards ask. Pure: rows in, cells out.
// State boxes (5–7): the state is the recipient's W-9 state (where 1099 Pro also files by default);
// box 6's id is the shop's payer id for that state (Settings; empty when none is known); box 7 is
// the year's total (the app does not split a creator's income across states); box 5 is 0.00 (the
// app withholds no state tax).
import { toDecimalString } from "../domain/money";
import { formatTin, type TinKind } from "../domain/tax/tin";
import type { CsvCell } from "./csv";

export interface Form1099NecPayer {
  /** The shop's legal name (its billing company), else its name. */
  name: string;
  /** The shop's billing address lines as Shopify gave them. */
  addressLines: string[];
  /** The shop's payer id per state (box 6), by two-letter state code. */
  stateIds: ReadonlyMap<string, string>;
}

export interface Form1099NecRecipient {
  creatorId: string;
  /** From the W-9 on file (null when none: the TIN column is left empty and must be filled before filing). */
  form: {
    legalName: string;
    businessName: string | null;
    tinKind: TinKind | null;
    tin: string | null;
    addressLine: string;
    city: string;
    state: string | null;
    zip: string | null;
  } | null;
  /** The creator's name in the app, used when no W-9 is on file. */
  creatorName: string;
  /** USD cents paid in the year on every rail (box 1). */
  box1Minor: number;
}

export const FORM_1099_NEC_HEADER = [
  "Filer TIN",
  "Filer TIN Type",
  "Filer Name Line 1",
  "Filer Address Line 1",
  "Filer Address Line 2",
  "Rcp TIN",
  "Rcp TIN Type",
  "Rcp Account",
  "First Name",
  "Last Name/Company",
  "Name Line 2",
  "Address Type",
  "Address Line 1",
  "City",
  "State",
  "Zip",
  "2nd TIN notice",
  "FATCA Checkbox",
  "Box 1 Amount",
  "Box 4 Amount",
  "Box 5 Amount",
  "Box 6 State",
  "Box 6 ID Number",
  "Box 7 Amount",
] as const;

/** 1099 Pro's TIN type codes: EIN = 1, SSN = 2, unknown = blank. */
const TIN_TYPE = { ein: "1", ssn: "2" } as const;

/** An individual (SSN) is filed with first and last name; a business (EIN) under its name. */
function splitName(name: string, tinKind: TinKind | null): { first: string; last: string } {
  if (tinKind === "ein") return { first: "", last: name };
  const words = name.trim().split(/\s+/);
  return words.length < 2 ? { first: "", last: name.trim() } : { first: words.slice(0, -1).join(" "), last: words[words.length - 1] };
}

export function form1099NecRows(payer: Form1099NecPayer, recipients: readonly Form1099NecRecipient[]): CsvCell[][] {
  const rows: CsvCell[][] = [[...FORM_1099_NEC_HEADER]];
  for (const recipient of recipients) {
    const form = recipient.form;
    const name = splitName(form?.legalName ?? recipient.creatorName, form?.tinKind ?? null);
    const box1 = toDecimalString({ amountMinor: recipient.box1Minor, currency: "USD" });
    const state = form?.state?.trim().toUpperCase() || null;
    rows.push([
      // The shop's EIN is not known to the app: the merchant enters it in the e-filing service.
      "",
      "",
      payer.name,
      payer.addressLines[0] ?? "",
      payer.addressLines.slice(1).join(", "),
      form?.tin && form.tinKind ? formatTin(form.tinKind, form.tin) : "",
      form?.tinKind ? TIN_TYPE[form.tinKind] : "",
      recipient.creatorId,
      name.first,
      name.last,
      form?.businessName ?? "",
      "",
      form?.addressLine ?? "",
      form?.city ?? "",
      form?.state ?? "",
      form?.zip ?? "",
      "",
      "",
      box1,
      "0.00",
      state ? "0.00" : "",
      state ?? "",
      state ? (payer.stateIds.get(state) ?? "") : "",
      state ? box1 : "",
    ]);
  }
  return rows;
}
