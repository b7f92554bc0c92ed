// What the payout page shows about PayPal: whether the shop connected PayPal Payouts (the card is
// offered only then), and the payout's PayPal attempts.
import { db } from "../../db.server";

export interface PayoutPayPalState {
  connected: boolean;
  attempts: { attempt: number; status: string; errorMessage: string | null; payoutItemId: string | null }[];
}

export async function readPayoutPayPalState(shopId: string, payoutId: string): Promise<PayoutPayPalState> {
  const [shop, attempts] = await Promise.all([
    db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { paypalClientId: true, paypalClientSecretCiphertext: true } }),
    db().payoutAttempt.findMany({ where: { shopId, payoutId, rail: "paypal" }, orderBy: { attempt: "desc" } }),
  ]);
  return {
    connected: Boolean(shop.paypalClientId && shop.paypalClientSecretCiphertext),
    attempts: attempts.map((a) => ({ attempt: a.attempt, status: a.status, errorMessage: a.errorMessage, payoutItemId: a.railReference })),
  };
}
