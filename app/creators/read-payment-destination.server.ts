import { db } from "../db.server";
import { maskIban, type PaymentDestination } from "../domain/creator/payment-destination";
import { openPayoutDetails } from "./payout-details.server";

/**
 * Where to send a creator's money, for the payout page: the sealed details are opened here,
 * server-side, and only what the merchant needs to pay leaves (the IBAN masked).
 */
export async function readPaymentDestination(shopId: string, creatorId: string): Promise<PaymentDestination> {
  const creator = await db().creator.findFirstOrThrow({
    where: { id: creatorId, shopId },
    select: {
      id: true,
      shopId: true,
      name: true,
      payoutMethod: true,
      payoutDetailsStatus: true,
      payoutDetailsSummary: true,
      payoutDetailsCiphertext: true,
      stripeTransfersActive: true,
    },
  });
  if (creator.payoutMethod === "stripe") return { kind: "stripe", transfersActive: creator.stripeTransfersActive };
  const details = openPayoutDetails(creator);
  if (details?.method === "paypal") return { kind: "paypal", paypalEmail: details.paypalEmail };
  if (details?.method === "bank_transfer") {
    return { kind: "bank_transfer", accountHolder: details.accountHolder, ibanMasked: maskIban(details.iban), bic: details.bic ?? null };
  }
  if (details?.method === "other") return { kind: "other", instructions: details.instructions };
  if (creator.payoutMethod && creator.payoutDetailsStatus === "complete" && creator.payoutDetailsSummary) {
    return { kind: "summary", method: creator.payoutMethod, summary: creator.payoutDetailsSummary };
  }
  return { kind: "none", creatorName: creator.name };
}
