// The gift card rail's rules, pure (no I/O): what refuses a payout before any call, the note that
// carries the payout id with the card, what may be done with an attempt whose outcome is unknown,
// and a sentence for each refusal Shopify answers with.
import { DomainError } from "../../domain/errors";
import type { RecoveryStep } from "../rail";

/**
 * The longest a giftCardCreate is assumed to stay in flight after the app marked it sent (as for
 * store credit: the Admin door gives up after 5 seconds and retries only unexecuted requests).
 */
export const GIFT_CARD_IN_FLIGHT_MS = 15 * 60 * 1000;
/** How far Shopify's clock may be behind the app's when searching cards by creation time. */
export const GIFT_CARD_CLOCK_SKEW_MS = 2 * 60 * 1000;
/**
 * The app's own cap on one gift card, in major units of the shop currency: a payout above it is
 * refused before any call (the store's own issue limit, read from Shopify, applies when lower).
 */
export const GIFT_CARD_CAP_MAJOR = 10_000;

/** What the shop and creator allow, read before the claim (outside any transaction). */
export interface GiftCardTarget {
  shopCurrency: string;
  /** The store's plan lets it issue gift cards (shop.features.giftCards). */
  giftCardsAllowed: boolean;
  /** The store's gift card issue limit, minor units of the shop currency (null: none read). */
  issueLimitMinor: number | null;
  /** The creator's linked customer (gid), when linked and the app may name customers. */
  customerId: string | null;
}

/** Why this payout cannot be a gift card, or null. Checked before any call. */
export function giftCardRefusal(target: GiftCardTarget, payoutCurrency: string): DomainError | null {
  if (!target.giftCardsAllowed) {
    return new DomainError(
      "gift_card_not_on_plan",
      "Your store's Shopify plan does not let it issue gift cards. Change the plan in Shopify (Settings › Plan), or pay this payout another way.",
    );
  }
  if (payoutCurrency !== target.shopCurrency) {
    return new DomainError(
      "gift_card_currency_mismatch",
      `Gift cards are issued in your store's currency (${target.shopCurrency}); this payout is in ${payoutCurrency}. Pay it another way.`,
      { payoutCurrency, shopCurrency: target.shopCurrency },
    );
  }
  return null;
}

/** Refuses a card above the cap (the lower of the app's and the store's issue limit). */
export function giftCardCapRefusal(input: { amountMinor: number; capMinor: number; cap: string }): DomainError | null {
  if (input.amountMinor <= input.capMinor) return null;
  return new DomainError(
    "gift_card_over_cap",
    `A gift card may be issued for at most ${input.cap}; this payout is more. Split it (pay part of it another way), or pay it all another way.`,
    { amountMinor: input.amountMinor, capMinor: input.capMinor },
  );
}

/** The card's note: the payout and attempt it pays, found again by the look-up and reconciliation. */
export function giftCardNote(payoutId: string, attempt: number): string {
  return `Creator Payouts payout ${payoutId} attempt ${attempt}`;
}

const NOTE = /^Creator Payouts payout (po_[A-Za-z0-9]+) attempt (\d+)$/;

/** The payout and attempt a card's note names, or null for a card the app did not make for a payout. */
export function parseGiftCardNote(note: string | null | undefined): { payoutId: string; attempt: number } | null {
  const match = NOTE.exec((note ?? "").trim());
  return match ? { payoutId: match[1]!, attempt: Number(match[2]) } : null;
}

/** The search for cards the app made between two instants (Shopify's search syntax for giftCards). */
export function giftCardsMadeBetween(from: Date, to: Date): string {
  return `source:api_client created_at:>='${from.toISOString()}' created_at:<='${to.toISOString()}'`;
}

/**
 * The keyless lost-answer rule, as for store credit: never sent → send; sent and unanswered → look
 * the card up by its note first; with nothing found, wait while the request may still land, then
 * fail the attempt (a person retries, with a new attempt). A sent attempt is never sent again.
 */
export function giftCardRecoveryStep(sentAtMs: number | null, nowMs: number): RecoveryStep {
  if (sentAtMs === null) return "send";
  return nowMs - sentAtMs < GIFT_CARD_IN_FLIGHT_MS ? "look_up_then_wait" : "look_up_then_fail";
}

/** A sentence for each refusal Shopify answers giftCardCreate with (userErrors[].code). */
export function giftCardUserErrorSentence(code: string | null, shopifyMessage: string): string {
  switch (code) {
    case "GIFT_CARD_LIMIT_EXCEEDED":
    case "GREATER_THAN":
      return "Shopify refused the gift card: its value is above your store's gift card limit. Raise the limit in Shopify, or pay this payout another way.";
    case "CUSTOMER_NOT_FOUND":
    case "RECIPIENT_NOT_FOUND":
      return "Shopify refused the gift card: the creator's customer account no longer exists in your store. Unlink it from the creator, then retry.";
    case "TAKEN":
      return "Shopify refused the gift card: its code is already used by another card. Retry: the next attempt makes a new code.";
    case "INVALID":
      return `Shopify refused the gift card (${shopifyMessage}). If your plan does not allow gift cards, change it in Shopify or pay this payout another way.`;
    default:
      return `Shopify refused the gift card (${shopifyMessage}). Retry, or pay this payout another way.`;
  }
}

/** How the portal and the payout page show a code once it is no longer shown in full. */
export const maskedGiftCardCode = (lastCharacters: string) => `•••• ${lastCharacters}`;
