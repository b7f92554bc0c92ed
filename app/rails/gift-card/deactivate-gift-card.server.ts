// "Disable the gift card" on a paid gift card payout: the card is disabled at Shopify
// (giftCardDeactivate), then the payout is `reversed` and its money payable again through the one
// reversal path every rail shares (reversePaidPayout, as a Stripe reversal). A card the creator
// has started to spend is refused before any call: disabling it would leave them the spent part
// and owe it again. Disabling twice is harmless (Shopify answers the disabled card; the payout is
// already reversed).
import type { Actor } from "../../audit/actor";
import { lockPayout } from "../../db/locks.server";
import { db } from "../../db.server";
import { DomainError } from "../../domain/errors";
import { parseDecimalString } from "../../domain/money";
import { now } from "../../lib/clock.server";
import { reversePaidPayout } from "../../payouts/reverse-paid-payout.server";
import { runPayoutTransaction } from "../../payouts/run-payout-transaction.server";
import { giftCardGraphql } from "./gift-card-admin.server";
import { GIFT_CARD_BY_ID, GIFT_CARD_DEACTIVATE, type GiftCardNode } from "./gift-card-operations";

const notDeactivatable = (sentence: string) => new DomainError("gift_card_not_deactivatable", sentence);
const minor = (money: { amount: string; currencyCode: string }) => parseDecimalString(money.amount, money.currencyCode).amountMinor;

function spentRefusal(card: GiftCardNode): DomainError | null {
  if (minor(card.balance) >= minor(card.initialValue)) return null;
  return notDeactivatable(
    `The creator has already spent part of this gift card (${card.balance.amount} of ${card.initialValue.amount} ${card.initialValue.currencyCode} left), so it stays paid. Disable it in Shopify if you must, and adjust the creator's balance by hand.`,
  );
}

export async function deactivatePayoutGiftCard(shopId: string, payoutId: string, actor: Actor): Promise<"reversed" | "already_reversed"> {
  const payout = await db().payout.findFirst({
    where: { id: payoutId, shopId },
    select: { status: true, channel: true, attemptCount: true },
  });
  if (!payout) throw new DomainError("not_found", "This payout does not exist in this shop.");
  if (payout.channel !== "gift_card") throw notDeactivatable("This payout was not paid with a gift card.");
  if (payout.status === "reversed") return "already_reversed";
  if (payout.status !== "paid") throw notDeactivatable("Only a paid gift card payout's card can be disabled.");
  const attempt = await db().payoutAttempt.findFirst({
    where: { shopId, payoutId, rail: "gift_card", status: "succeeded" },
    orderBy: { attempt: "desc" },
    select: { railReference: true, attempt: true },
  });
  if (!attempt?.railReference) throw notDeactivatable("This payout has no gift card to disable.");

  const found = await giftCardGraphql<{ giftCard: GiftCardNode | null }>(shopId, GIFT_CARD_BY_ID, {
    purpose: "read the payout's gift card",
    variables: { id: attempt.railReference },
  });
  if (found.giftCard) {
    const spent = spentRefusal(found.giftCard);
    if (spent) throw spent;
  }
  const answer = await giftCardGraphql<{
    giftCardDeactivate: { giftCard: GiftCardNode | null; userErrors: { code: string | null; message: string }[] } | null;
  }>(shopId, GIFT_CARD_DEACTIVATE, { purpose: "disable the payout's gift card", variables: { id: attempt.railReference } });
  const card = answer.giftCardDeactivate?.giftCard;
  if (!card) {
    const said = answer.giftCardDeactivate?.userErrors.map((e) => e.message).join("; ") || "no reason given";
    throw notDeactivatable(`Shopify did not disable the gift card (${said}). Check it in Shopify (Products › Gift cards), then try again.`);
  }
  // Spent between the read and the disabling: the card is off, but its spent part was paid.
  const spent = spentRefusal(card);
  if (spent) throw spent;

  return runPayoutTransaction(async (tx) => {
    const locked = await lockPayout(tx, shopId, payoutId);
    if (locked.status === "reversed") return "already_reversed" as const;
    await reversePaidPayout(tx, locked, {
      actor,
      reason: "The gift card was disabled; the money is payable to the creator again.",
      before: { giftCardId: card.id },
    });
    await tx.payoutGiftCard.updateMany({
      where: { shopId, payoutId, attempt: attempt.attempt },
      data: { deactivatedAt: now(), codeCiphertext: null },
    });
    return "reversed" as const;
  });
}
