// Where the merchant sends an offline payment, as the payout page shows it: enough to pay, never
// the full IBAN (the SEPA export reads it server-side). Built from the creator's sealed details
// by app/creators/read-payment-destination.server.ts.

export type PaymentDestination =
  | { kind: "none"; creatorName: string }
  | { kind: "stripe"; transfersActive: boolean }
  | { kind: "paypal"; paypalEmail: string }
  | { kind: "bank_transfer"; accountHolder: string; ibanMasked: string; bic: string | null }
  | { kind: "other"; instructions: string }
  /** Details marked complete whose sealed copy is absent (older data): the masked summary only. */
  | { kind: "summary"; method: "paypal" | "bank_transfer" | "other"; summary: string };

/** "FR76 3000 6000 0112 3456 7890 189" → "FR76 •••• •••• 0189": country and check digits, last four. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return `${compact.slice(0, 4)} •••• •••• ${compact.slice(-4)}`;
}

const METHOD_NAME = { paypal: "PayPal", bank_transfer: "Bank transfer", other: "Other" } as const;

/** The "Mark paid" method field's first value: the creator's own method, else a bank transfer. */
export function offlineMethodDefault(destination: PaymentDestination): string {
  switch (destination.kind) {
    case "paypal":
    case "bank_transfer":
    case "other":
      return METHOD_NAME[destination.kind];
    case "summary":
      return METHOD_NAME[destination.method];
    case "none":
    case "stripe":
      return "Bank transfer";
  }
}

/** The plain sentence for a creator who has given no payout details. */
export function noPayoutDetailsSentence(creatorName: string): string {
  return `${creatorName} has no payout details: ask them to add them in the portal, or pay by a method you agree on.`;
}
