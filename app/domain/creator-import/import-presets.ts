// Which column of an uploaded creators file holds which field. The app's own template names every
// field; the peers' presets use the column names their public help pages give (see README
// "Import creators"), so a file exported there is read as it is.
import { isCurrencyCode } from "../currency";

export const IMPORT_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "email",
  "referralCode",
  "discountCodes",
  "commissionRate",
  "payoutMethod",
  "paypalEmail",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_PRESET_IDS = ["template", "uppromote", "goaffpro", "refersion"] as const;
export type ImportPresetId = (typeof IMPORT_PRESET_IDS)[number];

export interface ImportPreset {
  id: ImportPresetId;
  label: string;
  /** Normalised column names (see normaliseColumnName) per field; the first present wins. */
  columns: Partial<Record<ImportField, readonly string[]>>;
}

/** The template's column for an opening balance in `currency`: opening_balance_usd. */
export const OPENING_BALANCE_PREFIX = "opening_balance_";

export const TEMPLATE_HEADER = [
  "name",
  "email",
  "referral_code",
  "discount_codes",
  "commission_rate",
  "payout_method",
  "opening_balance_usd",
  "opening_balance_eur",
] as const;

export const IMPORT_PRESETS: Record<ImportPresetId, ImportPreset> = {
  template: {
    id: "template",
    label: "Creator Payouts template",
    columns: {
      name: ["name"],
      email: ["email"],
      referralCode: ["referral_code"],
      discountCodes: ["discount_codes"],
      commissionRate: ["commission_rate"],
      payoutMethod: ["payout_method"],
    },
  },
  // docs.uppromote.com "Import/Export affiliates": first_name, last_name, email are the fields
  // its affiliate files carry; the help page names no column for codes, rates or balances.
  uppromote: {
    id: "uppromote",
    label: "UpPromote",
    columns: { firstName: ["first_name"], lastName: ["last_name"], email: ["email"] },
  },
  // docs.goaffpro.com "Bulk Import File Format" points to a sample file without naming its
  // columns: only the name and email columns every affiliate file has are mapped.
  goaffpro: {
    id: "goaffpro",
    label: "GoAffPro",
    columns: { name: ["name"], firstName: ["first_name"], lastName: ["last_name"], email: ["email"] },
  },
  // support.refersion.com "How Do I Bulk Upload Affiliates?": First Name, Last Name, Email
  // Address, PayPal email, Coupon.
  refersion: {
    id: "refersion",
    label: "Refersion",
    columns: {
      firstName: ["first_name"],
      lastName: ["last_name"],
      email: ["email_address", "email"],
      discountCodes: ["coupon"],
      paypalEmail: ["paypal_email"],
    },
  },
};

/** "Email Address" → "email_address": case, spaces and punctuation do not matter. */
export function normaliseColumnName(column: string): string {
  return column
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export interface ColumnMapping {
  preset: ImportPresetId;
  /** Field → index of its column in each row. */
  fields: Partial<Record<ImportField, number>>;
  /** One column per opening-balance currency. */
  balances: { currency: string; index: number }[];
  /** Header problems: nothing can be imported while there is one. */
  problems: string[];
}

/** Maps a header row with a preset: each field to its column, balances to their currencies. */
export function mapColumns(header: readonly string[], presetId: ImportPresetId): ColumnMapping {
  const names = header.map(normaliseColumnName);
  const preset = IMPORT_PRESETS[presetId];
  const fields: ColumnMapping["fields"] = {};
  for (const field of IMPORT_FIELDS) {
    const index = (preset.columns[field] ?? []).map((column) => names.indexOf(column)).find((i) => i >= 0);
    if (index !== undefined) fields[field] = index;
  }
  const problems: string[] = [];
  const balances: ColumnMapping["balances"] = [];
  names.forEach((name, index) => {
    if (!name.startsWith(OPENING_BALANCE_PREFIX)) return;
    const currency = name.slice(OPENING_BALANCE_PREFIX.length).toUpperCase();
    if (!isCurrencyCode(currency)) {
      problems.push(`row 1: column “${header[index]}” names ${currency || "no currency"}, which is not a currency code such as USD.`);
    } else if (balances.some((b) => b.currency === currency)) {
      problems.push(`row 1: two columns hold the opening balance in ${currency}.`);
    } else {
      balances.push({ currency, index });
    }
  });
  if (fields.email === undefined)
    problems.push(`row 1: no email column (the ${preset.label} format calls it “${preset.columns.email?.[0]}”).`);
  if (fields.name === undefined && fields.firstName === undefined) {
    problems.push(`row 1: no name column (“name”, or “first_name” and “last_name”).`);
  }
  return { preset: presetId, fields, balances, problems };
}

/**
 * The preset whose columns the header matches best: each preset scores the columns it knows
 * that are present, and loses nothing for columns it ignores. Ties go to the template.
 */
export function detectPreset(header: readonly string[]): ImportPresetId {
  const names = new Set(header.map(normaliseColumnName));
  let best: ImportPresetId = "template";
  let bestScore = -1;
  for (const id of IMPORT_PRESET_IDS) {
    const columns = Object.values(IMPORT_PRESETS[id].columns).flat();
    const score = columns.filter((column) => names.has(column)).length;
    if (score > bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}

export function isImportPresetId(value: unknown): value is ImportPresetId {
  return typeof value === "string" && (IMPORT_PRESET_IDS as readonly string[]).includes(value);
}
