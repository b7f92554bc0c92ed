// VAT identification numbers, checked in format by country (the patterns VIES documents for EU
// member states, plus the UK, Northern Ireland, Switzerland and Norway). Pure. A format check
// is not a registration check: it catches typos and wrong countries, not a number that was
// never issued.
import { EU_MEMBER_STATES } from "./vat-treatment";

/** The VAT prefix of a country: ISO 3166-1 except Greece (EL). */
export function vatPrefix(country: string): string {
  const code = country.trim().toUpperCase();
  return code === "GR" ? "EL" : code;
}

/** The digits and letters after the prefix, by prefix. */
const FORMATS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  AT: { pattern: /^U\d{8}$/, example: "ATU12345678" },
  BE: { pattern: /^[01]\d{9}$/, example: "BE0123456789" },
  BG: { pattern: /^\d{9,10}$/, example: "BG123456789" },
  CY: { pattern: /^\d{8}[A-Z]$/, example: "CY12345678X" },
  CZ: { pattern: /^\d{8,10}$/, example: "CZ12345678" },
  DE: { pattern: /^\d{9}$/, example: "DE123456789" },
  DK: { pattern: /^\d{8}$/, example: "DK12345678" },
  EE: { pattern: /^\d{9}$/, example: "EE123456789" },
  EL: { pattern: /^\d{9}$/, example: "EL123456789" },
  ES: { pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/, example: "ESX1234567X" },
  FI: { pattern: /^\d{8}$/, example: "FI12345678" },
  FR: { pattern: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, example: "FRXX123456789" },
  HR: { pattern: /^\d{11}$/, example: "HR12345678901" },
  HU: { pattern: /^\d{8}$/, example: "HU12345678" },
  IE: { pattern: /^(\d{7}[A-WY][A-I]?|\d[A-Z+*]\d{5}[A-W])$/, example: "IE1234567WA" },
  IT: { pattern: /^\d{11}$/, example: "IT12345678901" },
  LT: { pattern: /^(\d{9}|\d{12})$/, example: "LT123456789" },
  LU: { pattern: /^\d{8}$/, example: "LU12345678" },
  LV: { pattern: /^\d{11}$/, example: "LV12345678901" },
  MT: { pattern: /^\d{8}$/, example: "MT12345678" },
  NL: { pattern: /^\d{9}B\d{2}$/, example: "NL123456789B01" },
  PL: { pattern: /^\d{10}$/, example: "PL1234567890" },
  PT: { pattern: /^\d{9}$/, example: "PT123456789" },
  RO: { pattern: /^[1-9]\d{1,9}$/, example: "RO1234567890" },
  SE: { pattern: /^\d{10}01$/, example: "SE123456789001" },
  SI: { pattern: /^\d{8}$/, example: "SI12345678" },
  SK: { pattern: /^\d{10}$/, example: "SK1234567890" },
  GB: { pattern: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, example: "GB123456789" },
  XI: { pattern: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, example: "XI123456789" },
  CH: { pattern: /^E\d{9}(MWST|TVA|IVA)?$/, example: "CHE123456789MWST" },
  NO: { pattern: /^\d{9}(MVA)?$/, example: "NO123456789MVA" },
};

/** Whether the app knows the VAT number format of `country` (EU member states, GB, CH, NO). */
export const hasVatNumberFormat = (country: string): boolean => vatPrefix(country) in FORMATS || country.toUpperCase() === "GB";

export type VatIdCheck = { ok: true; vatId: string } | { ok: false; message: string };

/**
 * Normalises (upper case, no spaces, dots or dashes, the country prefix added when left out) and
 * checks a VAT number against the format of `country`. Countries without a known format accept
 * 2–15 letters and digits after the prefix.
 */
export function checkVatId(input: string, country: string): VatIdCheck {
  const prefix = vatPrefix(country);
  const compact = input.toUpperCase().replace(/[\s.-]/g, "");
  if (compact === "") return { ok: false, message: "Enter the VAT number." };
  const northernIreland = prefix === "GB" && compact.startsWith("XI");
  const ownPrefix = northernIreland ? "XI" : prefix;
  const body = compact.startsWith(ownPrefix) ? compact.slice(ownPrefix.length) : compact;
  if (/^[A-Z]{2}/.test(compact) && !compact.startsWith(ownPrefix) && FORMATS[compact.slice(0, 2)]) {
    return {
      ok: false,
      message: `This VAT number starts with ${compact.slice(0, 2)}, but the country is ${country}. Enter the ${ownPrefix} number, e.g. ${FORMATS[ownPrefix]?.example ?? `${ownPrefix}123456789`}.`,
    };
  }
  const format = FORMATS[ownPrefix];
  if (format ? !format.pattern.test(body) : !/^[A-Z0-9]{2,15}$/.test(body)) {
    return {
      ok: false,
      message: format
        ? `This VAT number does not have the ${ownPrefix} format, e.g. ${format.example}.`
        : "A VAT number has 2 to 15 letters and digits after the country prefix.",
    };
  }
  return { ok: true, vatId: `${ownPrefix}${body}` };
}

export const isEuMemberState = (country: string | null | undefined): boolean =>
  Boolean(country) && EU_MEMBER_STATES.has(country!.trim().toUpperCase());
