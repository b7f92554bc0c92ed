// What the payout page shows about gift cards: whether the shop granted the scope (the card is
// offered only then), the payout's gift card attempts, and the card's last characters (the code
// itself is the creator's: never shown to the merchant).
import { db } from "../../db.server";
import { grantedScopes, WRITE_GIFT_CARDS } from "./gift-card-admin.server";
import { maskedGiftCardCode } from "./gift-card-rules";

export interface PayoutGiftCardState {
  available: boolean;
  attempts: { attempt: number; status: string; errorMessage: string | null; giftCardId: string | null; maskedCode: string | null }[];
}

export async function readPayoutGiftCardState(shopId: string, shopDomain: string, payoutId: string): Promise<PayoutGiftCardState> {
  const [scopes, attempts, cards] = await Promise.all([
    grantedScopes(shopDomain),
    db().payoutAttempt.findMany({ where: { shopId, payoutId, rail: "gift_card" }, orderBy: { attempt: "desc" } }),
    db().payoutGiftCard.findMany({ where: { shopId, payoutId }, select: { attempt: true, lastCharacters: true } }),
  ]);
  return {
    available: scopes.includes(WRITE_GIFT_CARDS),
    attempts: attempts.map((a) => {
      const card = cards.find((c) => c.attempt === a.attempt);
      return {
        attempt: a.attempt,
        status: a.status,
        errorMessage: a.errorMessage,
        giftCardId: a.railReference,
        maskedCode: card ? maskedGiftCardCode(card.lastCharacters) : null,
      };
    }),
  };
}
