// The Admin GraphQL calls for creators' discount codes (operations in discount-operations.ts).
// Each checks the shop granted write_discounts first, so a shop installed before the app asked
// for it gets a sentence to act on rather than Shopify's ACCESS_DENIED.
import { db } from "../db.server";
import { DomainError, isDomainError } from "../domain/errors";
import { adminGraphql as adminGraphqlDoor } from "../lib/shopify-admin-graphql.server";
import {
  DISCOUNT_BY_CODE,
  DISCOUNT_CODE_ACTIVATE,
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_DEACTIVATE,
  DISCOUNT_STATES,
} from "./discount-operations";

export interface DiscountUserError {
  field: string[] | null;
  code: string | null;
  message: string;
}

/** What Shopify says of a code discount: its status, or gone. */
export type ShopifyDiscountStatus = "ACTIVE" | "EXPIRED" | "SCHEDULED" | "DELETED";

export const WRITE_DISCOUNTS = "write_discounts";

async function offlineSession(shopDomain: string) {
  const session = await db().session.findFirst({ where: { shop: shopDomain, isOnline: false } });
  const scopes = (session?.scope ?? "").split(",").map((s) => s.trim());
  if (!session || !scopes.includes(WRITE_DISCOUNTS)) {
    throw new DomainError(
      "discount_scope_missing",
      "Creator Payouts may not create or change discounts in your store yet: open the app from Shopify admin and approve the new access (write_discounts), or reinstall the app.",
    );
  }
  return session;
}

/** One discount operation through the app's Admin GraphQL door (throttling retried there). */
async function adminGraphql<T>(shopDomain: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const session = await offlineSession(shopDomain);
  try {
    return await adminGraphqlDoor<T>({ shopDomain, accessToken: session.accessToken }, query, {
      purpose: "change the store's discount codes",
      variables,
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "shopify_access_denied") {
      throw new DomainError(
        "discount_scope_missing",
        "Shopify refused the app's access to discounts: open the app from Shopify admin to grant it again, or reinstall the app.",
      );
    }
    throw error;
  }
}

/** The id of the store's code discount using `code`, or null when the code is free. */
export async function findDiscountIdByCode(shopDomain: string, code: string): Promise<string | null> {
  const data = await adminGraphql<{ codeDiscountNodeByCode: { id: string } | null }>(shopDomain, DISCOUNT_BY_CODE, { code });
  return data.codeDiscountNodeByCode?.id ?? null;
}

export async function createBasicDiscount(
  shopDomain: string,
  basicCodeDiscount: Record<string, unknown>,
): Promise<{ id: string } | { userErrors: DiscountUserError[] }> {
  const data = await adminGraphql<{
    discountCodeBasicCreate: { codeDiscountNode: { id: string } | null; userErrors: DiscountUserError[] };
  }>(shopDomain, DISCOUNT_CODE_BASIC_CREATE, { basicCodeDiscount });
  const { codeDiscountNode, userErrors } = data.discountCodeBasicCreate;
  return codeDiscountNode && userErrors.length === 0 ? { id: codeDiscountNode.id } : { userErrors };
}

/** Activates or deactivates a code discount; Shopify's userErrors come back as they are. */
export async function setDiscountActive(shopDomain: string, id: string, active: boolean): Promise<DiscountUserError[]> {
  if (active) {
    const data = await adminGraphql<{ discountCodeActivate: { userErrors: DiscountUserError[] } }>(shopDomain, DISCOUNT_CODE_ACTIVATE, {
      id,
    });
    return data.discountCodeActivate.userErrors;
  }
  const data = await adminGraphql<{ discountCodeDeactivate: { userErrors: DiscountUserError[] } }>(shopDomain, DISCOUNT_CODE_DEACTIVATE, {
    id,
  });
  return data.discountCodeDeactivate.userErrors;
}

/** Each id's status in Shopify; an id Shopify no longer knows is DELETED. */
export async function readDiscountStatuses(shopDomain: string, ids: string[]): Promise<Map<string, ShopifyDiscountStatus>> {
  const statuses = new Map<string, ShopifyDiscountStatus>();
  if (ids.length === 0) return statuses;
  const data = await adminGraphql<{ nodes: ({ id: string; codeDiscount?: { status: ShopifyDiscountStatus } } | null)[] }>(
    shopDomain,
    DISCOUNT_STATES,
    { ids },
  );
  ids.forEach((id, index) => {
    const node = data.nodes[index];
    statuses.set(id, node?.codeDiscount?.status ?? "DELETED");
  });
  return statuses;
}
