// US taxpayer identification numbers, checked in format only (the IRS TIN matching service is
// not called): an SSN's area, group and serial, an EIN's campus prefix.

export type TinKind = "ssn" | "ein";

export type TinCheck = { ok: true; digits: string } | { ok: false; message: string };

// Prefixes the IRS assigns EINs from (irs.gov "How EINs are assigned and valid EIN prefixes").
const EIN_PREFIXES = new Set(
  [
    [1, 6],
    [10, 16],
    [20, 27],
    [30, 48],
    [50, 68],
    [71, 77],
    [80, 88],
    [90, 95],
    [98, 99],
  ].flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, "0"))),
);

const digitsOf = (value: string) => value.replace(/[\s-]/g, "");

export function checkSsn(value: string): TinCheck {
  const digits = digitsOf(value);
  if (!/^\d{9}$/.test(digits)) return { ok: false, message: "Enter the SSN as 9 digits, like 123-45-6789." };
  const area = digits.slice(0, 3);
  if (area === "000" || area === "666" || area.startsWith("9")) {
    return { ok: false, message: "This is not a valid SSN: it cannot start with 000, 666 or 9." };
  }
  if (digits.slice(3, 5) === "00") return { ok: false, message: "This is not a valid SSN: its middle two digits cannot be 00." };
  if (digits.slice(5) === "0000") return { ok: false, message: "This is not a valid SSN: its last four digits cannot be 0000." };
  return { ok: true, digits };
}

export function checkEin(value: string): TinCheck {
  const digits = digitsOf(value);
  if (!/^\d{9}$/.test(digits)) return { ok: false, message: "Enter the EIN as 9 digits, like 12-3456789." };
  if (!EIN_PREFIXES.has(digits.slice(0, 2))) {
    return { ok: false, message: `This is not a valid EIN: no EIN starts with ${digits.slice(0, 2)}.` };
  }
  return { ok: true, digits };
}

export function checkTin(kind: TinKind, value: string): TinCheck {
  return kind === "ssn" ? checkSsn(value) : checkEin(value);
}

/** "***-**-6789" for an SSN, "**-***6789" for an EIN: enough to recognise it, never the rest. */
export function maskTin(kind: TinKind, digits: string): string {
  const last4 = digits.slice(-4);
  return kind === "ssn" ? `***-**-${last4}` : `**-***${last4}`;
}

/** The TIN as forms print it: 123-45-6789 or 12-3456789. */
export function formatTin(kind: TinKind, digits: string): string {
  return kind === "ssn" ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}` : `${digits.slice(0, 2)}-${digits.slice(2)}`;
}
