// Masked, displayable forms of payout details ("IBAN •••• 3000", "PayPal j•••@example.com"):
// enough for the creator and the merchant to recognise the account, never enough to use it.

const DOTS = "•••";

/** "jane.doe@example.com" → "j•••@example.com"; anything without an @ shows only dots. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return DOTS;
  return `${trimmed[0]}${DOTS}${trimmed.slice(at)}`;
}

/** "DE89 3704 0044 0532 0130 00" → "IBAN •••• 3000": the last four characters only. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return `IBAN •••• ${compact.slice(-4)}`;
}

export type PayoutDetailsForSummary =
  | { method: "paypal"; paypalEmail: string }
  | { method: "bank_transfer"; accountHolder: string; iban: string; bic?: string }
  | { method: "other"; instructions: string };

/** The one line shown wherever the method appears (portal, creator page, emails). */
export function summarizePayoutDetails(details: PayoutDetailsForSummary): string {
  switch (details.method) {
    case "paypal":
      return `PayPal ${maskEmail(details.paypalEmail)}`;
    case "bank_transfer":
      return maskIban(details.iban);
    case "other":
      return "Other method (instructions on file)";
  }
}
