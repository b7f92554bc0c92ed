import type { PayoutView } from "./payout-view";

/** "payout INV-00012 of $150.00 to Ava Chen": how a confirmation names the payout it acts on. */
export function payoutPhrase(payout: Pick<PayoutView, "invoiceLabel" | "creatorName">, amount: string): string {
  return `${payout.invoiceLabel ? `payout ${payout.invoiceLabel}` : "draft payout"} of ${amount} to ${payout.creatorName}`;
}
