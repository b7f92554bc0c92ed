// The gift card rail: a payout becomes one gift card in the merchant's store (giftCardCreate) for
// its amount in the shop currency, with the payout and attempt in the card's note, linked to the
// creator's customer when one is linked. Shopify takes no idempotency key for it, so — exactly as
// the store credit rail — the attempt row with the exact request is written first (the claim), the
// attempt is marked sent (compare-and-set) before the one call, and a sent attempt whose answer was
// lost is never sent again: the card is looked up by its note (giftCards searched by the app's
// source and creation time), settled when found, or failed for the merchant to retry once nothing
// sent can still land. The code is the app's, sealed before the call (gift-card-code.server.ts).
import type { Payout } from "@prisma/client";
import { db } from "../../db.server";
import { isDomainError } from "../../domain/errors";
import { minorUnitExponent, parseCurrencyCode } from "../../domain/currency";
import { parseDecimalString, toDecimalString } from "../../domain/money";
import { JOB } from "../../jobs/job-names";
import type { Rail, RailAttempt } from "../rail";
import { RailTryLater } from "../rail-try-later";
import { giftCardGraphql, grantedScopes, WRITE_CUSTOMERS } from "./gift-card-admin.server";
import { makeGiftCardCode, openGiftCardCode, storeGiftCardCode } from "./gift-card-code.server";
import { GIFT_CARD_CREATE, GIFT_CARD_SHOP, GIFT_CARDS_MADE_BY_APP, type GiftCardNode } from "./gift-card-operations";
import {
  GIFT_CARD_CAP_MAJOR,
  GIFT_CARD_CLOCK_SKEW_MS,
  GIFT_CARD_IN_FLIGHT_MS,
  giftCardCapRefusal,
  giftCardNote,
  giftCardRecoveryStep,
  giftCardRefusal,
  giftCardsMadeBetween,
  giftCardUserErrorSentence,
  type GiftCardTarget,
} from "./gift-card-rules";

/** The stored request: giftCardCreate's input, exactly as sent, less the code (sealed apart). */
export interface GiftCardRequest {
  input: { initialValue: string; note: string; customerId?: string };
}

/** Admin door errors that prove Shopify did not run the mutation (refused access, throttled every try). */
const NOT_EXECUTED = new Set(["gift_card_scope_missing", "shopify_access_denied", "shopify_throttled"]);

function tryLater(reason: string): RailTryLater {
  return new RailTryLater(`Gift card not confirmed yet (${reason}); the attempt will be looked at again`);
}

const customerGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Customer/${id}`);

/** Before the claim: the shop's currency, plan and issue limit, and the creator's customer. */
export async function findGiftCardTarget(shopId: string, payout: Pick<Payout, "creatorId">): Promise<GiftCardTarget> {
  const creator = await db().creator.findFirstOrThrow({
    where: { id: payout.creatorId, shopId },
    select: { shopifyCustomerId: true, shop: { select: { domain: true } } },
  });
  const data = await giftCardGraphql<{
    shop: { currencyCode: string; features: { giftCards: boolean } };
    giftCardConfiguration: { issueLimit: { amount: string; currencyCode: string } } | null;
  }>(shopId, GIFT_CARD_SHOP, { purpose: "check that the store can issue gift cards" });
  const limit = data.giftCardConfiguration?.issueLimit;
  // Linking the card to a customer needs write_customers; without it the card is simply unlinked.
  const mayLink = creator.shopifyCustomerId !== null && (await grantedScopes(creator.shop.domain)).includes(WRITE_CUSTOMERS);
  return {
    shopCurrency: data.shop.currencyCode,
    giftCardsAllowed: data.shop.features.giftCards,
    issueLimitMinor:
      limit && limit.currencyCode === data.shop.currencyCode && Number(limit.amount) > 0
        ? parseDecimalString(limit.amount, limit.currencyCode).amountMinor
        : null,
    customerId: mayLink ? customerGid(creator.shopifyCustomerId!) : null,
  };
}

function requestOf(attempt: RailAttempt): GiftCardRequest {
  return attempt.params as unknown as GiftCardRequest;
}

export const giftCardRail: Rail = {
  name: "gift_card",
  actor: { type: "shopify" },
  job: JOB.payRailAttempt,
  keyless: true,
  preflight: (shopId, payout) => findGiftCardTarget(shopId, payout),
  async destination(_tx, _shopId, payout, preflight) {
    const target = preflight as GiftCardTarget | undefined;
    if (!target) throw new Error("a gift card claim needs the shop read before it: the rail's preflight runs first");
    const refusal = giftCardRefusal(target, payout.currency);
    if (refusal) throw refusal;
    return target.customerId ?? "no linked customer";
  },
  async prepare({ tx, shopId, payout, attempt, amountMinor, claimedAt, preflight }) {
    const target = preflight as GiftCardTarget;
    const currency = parseCurrencyCode(payout.currency);
    const appCapMinor = GIFT_CARD_CAP_MAJOR * 10 ** minorUnitExponent(currency);
    const capMinor = Math.min(appCapMinor, target.issueLimitMinor ?? appCapMinor);
    const overCap = giftCardCapRefusal({
      amountMinor,
      capMinor,
      cap: `${toDecimalString({ amountMinor: capMinor, currency })} ${currency}`,
    });
    if (overCap) throw overCap;
    const request: GiftCardRequest = {
      input: {
        initialValue: toDecimalString({ amountMinor, currency }),
        note: giftCardNote(payout.id, attempt),
        ...(target.customerId ? { customerId: target.customerId } : {}),
      },
    };
    await storeGiftCardCode(tx, { shopId, payoutId: payout.id, attempt, code: makeGiftCardCode(), createdAt: claimedAt });
    return {
      idempotencyKey: `gift_card_payout_${payout.id}_a${attempt}`,
      request: { ...request },
      audit: { initialValue: request.input.initialValue, currency, customerId: target.customerId },
    };
  },
  recoveryStep: (attempt, nowMs) => giftCardRecoveryStep(attempt.sentAt?.getTime() ?? null, nowMs),
  async send(attempt) {
    type Answer = {
      giftCardCreate: {
        giftCard: { id: string; lastCharacters: string } | null;
        giftCardCode: string | null;
        userErrors: { code: string | null; field: string[] | null; message: string }[];
      } | null;
    };
    const code = await openGiftCardCode(attempt.shopId, attempt.payoutId, attempt.attempt);
    if (!code)
      return { made: false, code: "gift_card_code_missing", message: "The gift card's code is missing. Retry to make a new card." };
    let data: Answer;
    try {
      data = await giftCardGraphql<Answer>(attempt.shopId, GIFT_CARD_CREATE, {
        purpose: "issue the creator's gift card",
        variables: { input: { ...requestOf(attempt).input, code } },
      });
    } catch (error) {
      if (isDomainError(error) && NOT_EXECUTED.has(error.code)) return { made: false, code: error.code, message: error.message };
      // Lost, timed out or a 5xx: Shopify may have made the card. Never sent again, only looked up.
      throw tryLater(isDomainError(error) ? error.message : String(error));
    }
    const payload = data.giftCardCreate;
    if (payload?.giftCard) return { made: true, reference: payload.giftCard.id };
    const userError = payload?.userErrors[0];
    const errorCode = userError?.code ?? null;
    return {
      made: false,
      code: errorCode ? `gift_card_${errorCode.toLowerCase()}` : "gift_card_refused",
      message: giftCardUserErrorSentence(errorCode, userError?.message ?? "no reason given"),
    };
  },
  async lookUp(attempt) {
    if (!attempt.sentAt) return null;
    const { note } = requestOf(attempt).input;
    const from = new Date(attempt.sentAt.getTime() - GIFT_CARD_CLOCK_SKEW_MS);
    const to = new Date(attempt.sentAt.getTime() + GIFT_CARD_IN_FLIGHT_MS);
    try {
      for (const card of await readCardsMadeByApp(attempt.shopId, from, to)) {
        if (card.note === note) return { reference: card.id };
      }
    } catch (error) {
      throw tryLater(`looking the card up failed: ${isDomainError(error) ? error.message : String(error)}`);
    }
    return null;
  },
  tryLater,
  notFound: {
    code: "gift_card_not_found",
    message:
      "Shopify has no gift card for this attempt: its answer was lost and no card with this payout's note appeared. Retry to issue it again, or pay another way.",
  },
  paidAudit: (giftCardId) => ({ giftCardId }),
};

/** Every card the app made between two instants, oldest first (all pages). */
export async function readCardsMadeByApp(shopId: string, from: Date, to: Date): Promise<GiftCardNode[]> {
  type Page = { giftCards: { nodes: GiftCardNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  const cards: GiftCardNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: Page = await giftCardGraphql<Page>(shopId, GIFT_CARDS_MADE_BY_APP, {
      purpose: "read the gift cards the app issued",
      variables: { query: giftCardsMadeBetween(from, to), after },
    });
    cards.push(...data.giftCards.nodes);
    if (!data.giftCards.pageInfo.hasNextPage || !data.giftCards.pageInfo.endCursor) break;
    after = data.giftCards.pageInfo.endCursor;
  }
  return cards;
}
