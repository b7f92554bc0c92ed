// What the rail says was paid in gift cards, for the reconciliation screen: the cards the app made
// in the shop in a date range, each with the payout its note names (null for a card whose note is
// not a payout's: made by the app some other way, or edited in Shopify).
import { parseDecimalString } from "../../domain/money";
import { readCardsMadeByApp } from "./gift-card-rail.server";
import { parseGiftCardNote } from "./gift-card-rules";

export interface GiftCardRecord {
  /** Shopify's GiftCard gid: the attempt's railReference once settled. */
  reference: string;
  payoutId: string | null;
  amountMinor: number;
  currency: string;
  at: Date;
  /** "enabled" or "disabled" (deactivated in Shopify or from the payout page). */
  state: string;
}

export async function listGiftCardRecords(shopId: string, range: { from: Date; to: Date }): Promise<GiftCardRecord[]> {
  const cards = await readCardsMadeByApp(shopId, range.from, range.to);
  return cards.map((card) => {
    const { amountMinor, currency } = parseDecimalString(card.initialValue.amount, card.initialValue.currencyCode);
    return {
      reference: card.id,
      payoutId: parseGiftCardNote(card.note)?.payoutId ?? null,
      amountMinor,
      currency,
      at: new Date(card.createdAt),
      state: card.enabled && !card.deactivatedAt ? "enabled" : "disabled",
    };
  });
}
