// The store credit rail's Admin GraphQL calls go through the app's door (adminGraphql) with the
// shop's offline token, after checking the shop granted the scope: a shop installed before the
// app asked for it gets a sentence to act on rather than Shopify's ACCESS_DENIED.
import { db } from "../../db.server";
import { DomainError, isDomainError } from "../../domain/errors";
import { adminGraphql } from "../../lib/shopify-admin-graphql.server";

export const WRITE_STORE_CREDIT = "write_store_credit_account_transactions";
export const WRITE_CUSTOMERS = "write_customers";

function scopeMissing(scope: string): DomainError {
  return new DomainError(
    "store_credit_scope_missing",
    `Creator Payouts may not ${scope === WRITE_CUSTOMERS ? "create customers" : "credit store credit"} in your store yet: open the app from Shopify admin and approve the new access (${scope}), or reinstall the app.`,
    { scope },
  );
}

/** One store credit operation for the shop, with the offline token, once `scopes` are granted. */
export async function storeCreditGraphql<T>(
  shopId: string,
  query: string,
  options: { purpose: string; variables: Record<string, unknown>; scopes?: string[] },
): Promise<T> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
  const session = await db().session.findFirst({ where: { shop: shop.domain, isOnline: false } });
  const granted = (session?.scope ?? "").split(",").map((scope) => scope.trim());
  for (const scope of options.scopes ?? [WRITE_STORE_CREDIT]) {
    if (!session || !granted.includes(scope)) throw scopeMissing(scope);
  }
  try {
    return await adminGraphql<T>({ shopDomain: shop.domain, accessToken: session?.accessToken }, query, {
      purpose: options.purpose,
      variables: options.variables,
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "shopify_access_denied") throw scopeMissing(WRITE_STORE_CREDIT);
    throw error;
  }
}
