// The Admin GraphQL documents of the gift card rail (API 2026-04; validated in tests against
// tests/fixtures/shopify/admin-2026-04.graphql by the Admin stand-in).
const CARD = `id note createdAt enabled deactivatedAt lastCharacters initialValue { amount currencyCode } balance { amount currencyCode }`;

/** What refuses a gift card payout before the claim: the store's currency, its plan, its issue limit. */
export const GIFT_CARD_SHOP = `#graphql
  query GiftCardShop {
    shop { currencyCode features { giftCards } }
    giftCardConfiguration { issueLimit { amount currencyCode } }
  }`;

/** The one call of an attempt: the card, with the app's code, for the payout's amount. */
export const GIFT_CARD_CREATE = `#graphql
  mutation GiftCardCreate($input: GiftCardCreateInput!) {
    giftCardCreate(input: $input) {
      giftCard { id lastCharacters }
      giftCardCode
      userErrors { code field message }
    }
  }`;

/**
 * Cards the app made in a time window (`source:api_client created_at:…`), oldest first. The search
 * syntax has no note filter, so the caller matches the note itself.
 */
export const GIFT_CARDS_MADE_BY_APP = `#graphql
  query GiftCardsMadeByApp($query: String!, $after: String) {
    giftCards(first: 100, after: $after, query: $query, sortKey: CREATED_AT) {
      nodes { ${CARD} }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const GIFT_CARD_BY_ID = `#graphql
  query GiftCardById($id: ID!) {
    giftCard(id: $id) { ${CARD} }
  }`;

export const GIFT_CARD_DEACTIVATE = `#graphql
  mutation GiftCardDeactivate($id: ID!) {
    giftCardDeactivate(id: $id) {
      giftCard { ${CARD} }
      userErrors { code field message }
    }
  }`;

/** A gift card as the operations above select it. */
export interface GiftCardNode {
  id: string;
  note: string | null;
  createdAt: string;
  enabled: boolean;
  deactivatedAt: string | null;
  lastCharacters: string;
  initialValue: { amount: string; currencyCode: string };
  balance: { amount: string; currencyCode: string };
}
