import type { AttributionSource, Creator } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { CREATOR_REF_ATTRIBUTE, type NormalizedOrder } from "../domain/commission/shopify-order";

export interface Attribution {
  creator: Creator;
  source: AttributionSource;
}

/**
 * Which creator an order is credited to (DOMAIN.md §2): a manual assignment by the merchant,
 * then a discount code that belongs to a creator, then the referral cart attribute.
 */
export async function attributeOrder(
  tx: DbTransaction,
  shopId: string,
  order: NormalizedOrder,
  manualCreatorId: string | null,
): Promise<Attribution | null> {
  if (manualCreatorId) {
    const creator = await tx.creator.findFirst({ where: { id: manualCreatorId, shopId } });
    if (creator) return { creator, source: "manual" };
  }
  if (order.discountCodes.length > 0) {
    const codes = await tx.discountCode.findMany({
      where: { shopId, code: { in: order.discountCodes } },
      include: { creator: true },
    });
    // The first code on the order that belongs to a creator wins.
    for (const code of order.discountCodes) {
      const match = codes.find((c) => c.code === code);
      if (match) return { creator: match.creator, source: "discount_code" };
    }
  }
  const referral = order.noteAttributes[CREATOR_REF_ATTRIBUTE]?.trim().toUpperCase();
  if (referral) {
    const creator = await tx.creator.findUnique({ where: { shopId_referralCode: { shopId, referralCode: referral } } });
    if (creator) return { creator, source: "referral" };
  }
  return null;
}

/** A creator buying through their own link or code is not paid for it. */
export function isSelfReferral(creator: Creator, order: NormalizedOrder): boolean {
  if (creator.shopifyCustomerId && order.customer.id && creator.shopifyCustomerId === order.customer.id) return true;
  const buyerEmail = (order.customer.email ?? order.email)?.trim().toLowerCase();
  return !!buyerEmail && buyerEmail === creator.email.trim().toLowerCase();
}
