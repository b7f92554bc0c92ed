// Pure validation of an uploaded creators file (no I/O): every row is checked against the file's
// other rows and the shop's creators as they are now, and becomes a create, an update, an
// unchanged row or a list of errors. An import runs only when there is no error at all, so a
// file is imported whole or not at all.
import { isDomainError } from "../errors";
import { parseMoney } from "../money";
import type { ColumnMapping, ImportField } from "./import-presets";

/** More rows than a shop has creators (DOMAIN §9: up to 10,000) with headroom. */
export const MAX_IMPORT_ROWS = 20_000;

export const OPENING_BALANCE_REASON = "Opening balance (imported)";

export const IMPORT_PAYOUT_METHODS = ["stripe", "paypal", "bank_transfer", "other"] as const;
export type ImportPayoutMethod = (typeof IMPORT_PAYOUT_METHODS)[number];

const REFERRAL_CODE = /^[A-Z0-9_-]{3,24}$/;
const DISCOUNT_CODE = /^[A-Z0-9_-]{2,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ExistingCreator {
  id: string;
  name: string;
  email: string;
  referralCode: string;
  payoutMethod: ImportPayoutMethod | null;
  /** The rate of the creator's own percentage plan, null when none. */
  rateBasisPoints: number | null;
  discountCodes: readonly string[];
}

export interface ShopCreatorsSnapshot {
  creators: readonly ExistingCreator[];
  /** Code (upper case) → the name of the creator who holds it. */
  discountCodeOwners: ReadonlyMap<string, { creatorId: string; name: string }>;
  /** Opening-balance idempotency keys already posted (openingBalanceKey). */
  postedOpeningBalanceKeys: ReadonlySet<string>;
}

export interface ImportRowPlan {
  rowNumber: number;
  action: "create" | "update" | "unchanged";
  creatorId: string | null;
  name: string;
  email: string;
  referralCode: string;
  /** Codes to add (the creator may hold more already). */
  newDiscountCodes: string[];
  rateBasisPoints: number | null;
  payoutMethod: ImportPayoutMethod | null;
  /** Opening balances still to post (non-zero, not posted by an earlier import). */
  openingBalances: { currency: string; amountMinor: number }[];
}

export interface ImportValidation {
  rows: ImportRowPlan[];
  errors: string[];
  counts: { create: number; update: number; unchanged: number; errorRows: number };
  /** Per currency: how many opening balances and their sum, in minor units. */
  openingBalances: { currency: string; count: number; totalMinor: number }[];
}

/** The ledger key of a creator's imported opening balance: at most one per email and currency. */
export function openingBalanceKey(email: string, currency: string): string {
  return `opening-balance:${email.toLowerCase()}:${currency}`;
}

/**
 * A referral code for a row that has none (peers' exports carry no such column): the first name's
 * letters and four digits from the email, so importing the same file again gives the same code.
 */
export function referralCodeFor(name: string, email: string): string {
  const letters = (name.trim().split(/\s+/)[0] ?? "")
    .normalize("NFKD")
    .toUpperCase()
    .replace(/[^A-Z]/g, "")
    .slice(0, 10)
    .padEnd(3, "X");
  let hash = 2166136261;
  for (const char of email.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `${letters}${String(hash % 10000).padStart(4, "0")}`;
}

/** "12.5", "12.5%" → 1250 basis points; null for blank; a sentence when it is not a rate. */
export function parseRate(text: string): number | null | string {
  const value = text.trim().replace(/\s*%$/, "");
  if (value === "") return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return `commission rate “${text.trim()}” is not a percentage such as 12.5`;
  const [whole, fraction = ""] = value.split(".");
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (basisPoints > 10_000) return `commission rate ${value} % is over 100 %`;
  return basisPoints;
}

/** "PayPal", "Bank transfer", "bank" → the app's payout method; null for blank. */
export function parsePayoutMethod(text: string): ImportPayoutMethod | null | { problem: string } {
  const value = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (value === "") return null;
  if (value === "bank") return "bank_transfer";
  if ((IMPORT_PAYOUT_METHODS as readonly string[]).includes(value)) return value as ImportPayoutMethod;
  return { problem: `payout method “${text.trim()}” is not one of stripe, paypal, bank_transfer, other` };
}

function splitCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/** Validates every data row (row 1 is the header, so data rows are numbered from 2). */
export function validateImportRows(
  mapping: ColumnMapping,
  dataRows: readonly (readonly string[])[],
  shop: ShopCreatorsSnapshot,
): ImportValidation {
  const errors: string[] = [...mapping.problems];
  const rows: ImportRowPlan[] = [];
  let errorRows = 0;
  if (dataRows.length > MAX_IMPORT_ROWS) {
    errors.push(
      `The file has ${dataRows.length.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time.`,
    );
  }
  if (errors.length > 0) return { rows, errors, counts: { create: 0, update: 0, unchanged: 0, errorRows: 0 }, openingBalances: [] };

  const byEmail = new Map(shop.creators.map((c) => [c.email.toLowerCase(), c]));
  const byCode = new Map(shop.creators.map((c) => [c.referralCode, c]));
  const seenEmails = new Map<string, number>();
  const seenReferralCodes = new Map<string, number>();
  const seenDiscountCodes = new Map<string, number>();
  const cell = (row: readonly string[], field: ImportField) => {
    const index = mapping.fields[field];
    return index === undefined ? "" : (row[index] ?? "").trim();
  };

  dataRows.forEach((row, index) => {
    const rowNumber = index + 2;
    const rowErrors: string[] = [];
    const problem = (sentence: string) => rowErrors.push(`row ${rowNumber}: ${sentence}`);

    const name = cell(row, "name") || [cell(row, "firstName"), cell(row, "lastName")].filter(Boolean).join(" ");
    const email = cell(row, "email").toLowerCase();
    if (!name) problem("name missing");
    else if (name.length > 120) problem("name is over 120 characters");
    if (!email) problem("email missing");
    else if (!EMAIL.test(email)) problem(`email “${email}” is not an email address`);
    else if (seenEmails.has(email)) problem(`email ${email} appears again (first on row ${seenEmails.get(email)})`);
    else seenEmails.set(email, rowNumber);

    const existing = email ? byEmail.get(email) : undefined;
    const typedCode = cell(row, "referralCode").toUpperCase();
    const referralCode = typedCode || existing?.referralCode || (name && email ? referralCodeFor(name, email) : "");
    if (typedCode && !REFERRAL_CODE.test(typedCode)) {
      problem(`referral code “${typedCode}” must be 3 to 24 letters, digits, dashes or underscores`);
    } else if (referralCode) {
      const holder = byCode.get(referralCode);
      if (holder && holder.id !== existing?.id) problem(`referral code ${referralCode} already belongs to ${holder.name}`);
      else if (existing && existing.referralCode !== referralCode) {
        problem(`${existing.name} already has the referral code ${existing.referralCode}; an import does not change referral codes`);
      } else if (seenReferralCodes.has(referralCode)) {
        problem(`referral code ${referralCode} appears again (first on row ${seenReferralCodes.get(referralCode)})`);
      } else seenReferralCodes.set(referralCode, rowNumber);
    }

    const codes = splitCodes(cell(row, "discountCodes"));
    for (const code of codes) {
      const owner = shop.discountCodeOwners.get(code);
      if (!DISCOUNT_CODE.test(code)) problem(`discount code “${code}” must be 2 to 40 letters, digits, dashes or underscores`);
      else if (owner && owner.creatorId !== existing?.id) problem(`discount code ${code} already belongs to ${owner.name}`);
      else if (seenDiscountCodes.has(code)) problem(`discount code ${code} appears again (first on row ${seenDiscountCodes.get(code)})`);
      else seenDiscountCodes.set(code, rowNumber);
    }

    const rate = parseRate(cell(row, "commissionRate"));
    if (typeof rate === "string") problem(rate);
    const parsedMethod = parsePayoutMethod(cell(row, "payoutMethod"));
    let payoutMethod = parsedMethod !== null && typeof parsedMethod === "object" ? null : parsedMethod;
    if (parsedMethod !== null && typeof parsedMethod === "object") problem(parsedMethod.problem);
    if (payoutMethod === null && cell(row, "paypalEmail")) payoutMethod = "paypal";

    const openingBalances: ImportRowPlan["openingBalances"] = [];
    for (const { currency, index: column } of mapping.balances) {
      const text = (row[column] ?? "").trim();
      if (text === "") continue;
      let amountMinor: number;
      try {
        amountMinor = parseMoney(text, currency).amountMinor;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        problem(`opening balance ${currency} “${text}”: ${error.message}`);
        continue;
      }
      if (amountMinor === 0 || (email && shop.postedOpeningBalanceKeys.has(openingBalanceKey(email, currency)))) continue;
      openingBalances.push({ currency, amountMinor });
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      errorRows += 1;
      return;
    }
    const newDiscountCodes = codes.filter((code) => !existing?.discountCodes.includes(code));
    const rateBasisPoints = rate as number | null;
    const method = payoutMethod;
    const changed =
      !existing ||
      existing.name !== name ||
      newDiscountCodes.length > 0 ||
      openingBalances.length > 0 ||
      (rateBasisPoints !== null && rateBasisPoints !== existing.rateBasisPoints) ||
      (method !== null && method !== existing.payoutMethod);
    rows.push({
      rowNumber,
      action: !existing ? "create" : changed ? "update" : "unchanged",
      creatorId: existing?.id ?? null,
      name,
      email,
      referralCode,
      newDiscountCodes,
      rateBasisPoints,
      payoutMethod: method,
      openingBalances,
    });
  });

  const totals = new Map<string, { count: number; totalMinor: number }>();
  for (const row of rows) {
    for (const balance of row.openingBalances) {
      const total = totals.get(balance.currency) ?? { count: 0, totalMinor: 0 };
      totals.set(balance.currency, { count: total.count + 1, totalMinor: total.totalMinor + balance.amountMinor });
    }
  }
  return {
    rows: errors.length > 0 ? [] : rows,
    errors,
    counts: {
      create: rows.filter((r) => r.action === "create").length,
      update: rows.filter((r) => r.action === "update").length,
      unchanged: rows.filter((r) => r.action === "unchanged").length,
      errorRows,
    },
    openingBalances: [...totals].map(([currency, total]) => ({ currency, ...total })).sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
