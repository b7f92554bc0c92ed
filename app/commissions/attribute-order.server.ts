import type { AttributionSource, Creator } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { chooseAttribution, needsPixelAttribution } from "../domain/commission/choose-attribution";
import { CREATOR_REF_ATTRIBUTE, type NormalizedOrder } from "../domain/commission/shopify-order";

export interface Attribution {
  creator: Creator;
  source: AttributionSource;
}

/**
 * Which creator an order is credited to (DOMAIN.md §2; precedence in
 * app/domain/commission/choose-attribution.ts): a manual assignment by the merchant, then a
 * discount code that belongs to a creator, then the referral cart attribute, then a Web Pixel
 * checkout for this order id that saw a referral (looked up only when nothing else credits it).
 */
export async function attributeOrder(
  tx: DbTransaction,
  shopId: string,
  order: NormalizedOrder,
  manualCreatorId: string | null,
): Promise<Attribution | null> {
  const manual = manualCreatorId ? await tx.creator.findFirst({ where: { id: manualCreatorId, shopId } }) : null;
  const discountCode = manual ? null : await creatorByDiscountCode(tx, shopId, order.discountCodes);
  const referral = order.noteAttributes[CREATOR_REF_ATTRIBUTE]?.trim().toUpperCase();
  const referralAttribute = manual || discountCode || !referral ? null : await creatorByReferralCode(tx, shopId, referral);
  const onOrder = { manual, discountCode, referralAttribute };
  const pixel = needsPixelAttribution(onOrder) ? await creatorByPixelCheckout(tx, shopId, order.shopifyOrderId) : null;
  return chooseAttribution({ ...onOrder, pixel });
}

async function creatorByDiscountCode(tx: DbTransaction, shopId: string, orderCodes: string[]): Promise<Creator | null> {
  if (orderCodes.length === 0) return null;
  const codes = await tx.discountCode.findMany({ where: { shopId, code: { in: orderCodes } }, include: { creator: true } });
  // The first code on the order that belongs to a creator wins.
  for (const code of orderCodes) {
    const match = codes.find((c) => c.code === code);
    if (match) return match.creator;
  }
  return null;
}

function creatorByReferralCode(tx: DbTransaction, shopId: string, referralCode: string) {
  return tx.creator.findUnique({ where: { shopId_referralCode: { shopId, referralCode } } });
}

/** The referral of the first pixel checkout received for the order (later ones change nothing). */
async function creatorByPixelCheckout(tx: DbTransaction, shopId: string, shopifyOrderId: string): Promise<Creator | null> {
  const events = await tx.pixelEvent.findMany({
    where: { shopId, kind: "checkout", shopifyOrderId },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: 5,
  });
  for (const event of events) {
    const creator = await creatorByReferralCode(tx, shopId, event.referralCode);
    if (creator) return creator;
  }
  return null;
}

/** A creator buying through their own link or code is not paid for it. */
export function isSelfReferral(creator: Creator, order: NormalizedOrder): boolean {
  if (creator.shopifyCustomerId && order.customer.id && creator.shopifyCustomerId === order.customer.id) return true;
  const buyerEmail = (order.customer.email ?? order.email)?.trim().toLowerCase();
  return !!buyerEmail && buyerEmail === creator.email.trim().toLowerCase();
}
