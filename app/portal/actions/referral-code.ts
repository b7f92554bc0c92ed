// A referral code for a creator who applied through the portal: their first name's letters and a
// random suffix, within the creator form's rule (3–24 of A–Z, 0–9, dash, underscore).
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I: codes are read aloud and typed

/** `random` gives one byte per suffix character (crypto.randomBytes in the app, fixed in tests). */
export function referralCodeCandidate(name: string, random: Uint8Array): string {
  const first = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Z0-9]/g, ""))
    .find((word) => word.length > 0);
  const prefix = (first ?? "CREATOR").slice(0, 12);
  const suffix = [...random].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${prefix}${suffix}`.slice(0, 24);
}
