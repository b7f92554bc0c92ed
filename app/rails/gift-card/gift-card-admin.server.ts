// The gift card rail's Admin GraphQL calls go through the app's door (adminGraphql) with the
// shop's offline token, after checking the shop granted write_gift_cards: a shop installed before
// the app asked for it gets a sentence to act on rather than Shopify's ACCESS_DENIED.
import { db } from "../../db.server";
import { DomainError, isDomainError } from "../../domain/errors";
import { adminGraphql } from "../../lib/shopify-admin-graphql.server";

export const WRITE_GIFT_CARDS = "write_gift_cards";
export const WRITE_CUSTOMERS = "write_customers";

export function giftCardScopeMissing(): DomainError {
  return new DomainError(
    "gift_card_scope_missing",
    `Creator Payouts may not issue gift cards in your store yet: open the app from Shopify admin and approve the new access (${WRITE_GIFT_CARDS}), or reinstall the app.`,
    { scope: WRITE_GIFT_CARDS },
  );
}

/** The scopes the shop's offline session granted. */
export async function grantedScopes(shopDomain: string): Promise<string[]> {
  const session = await db().session.findFirst({ where: { shop: shopDomain, isOnline: false }, select: { scope: true } });
  return (session?.scope ?? "")
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
}

/** One gift card operation for the shop, with the offline token, once write_gift_cards is granted. */
export async function giftCardGraphql<T>(
  shopId: string,
  query: string,
  options: { purpose: string; variables?: Record<string, unknown> },
): Promise<T> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
  const session = await db().session.findFirst({ where: { shop: shop.domain, isOnline: false } });
  const granted = (session?.scope ?? "").split(",").map((scope) => scope.trim());
  if (!session || !granted.includes(WRITE_GIFT_CARDS)) throw giftCardScopeMissing();
  try {
    return await adminGraphql<T>({ shopDomain: shop.domain, accessToken: session.accessToken }, query, {
      purpose: options.purpose,
      variables: options.variables ?? {},
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "shopify_access_denied") throw giftCardScopeMissing();
    throw error;
  }
}
