import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { toDecimalString } from "../domain/money";
import { basisPointsToPercent } from "./shop-settings-schema";

const DEFAULT_MINIMUM_MINOR = 2500;

/** The Settings form's current values, as the strings the form fields show. */
export async function getShopSettings(shop: Shop) {
  const [plan, minimum] = await Promise.all([
    shop.defaultPlanId ? db().commissionPlan.findUnique({ where: { id: shop.defaultPlanId } }) : null,
    db().payoutMinimum.findUnique({ where: { shopId_currency: { shopId: shop.id, currency: shop.currency } } }),
  ]);
  return {
    currency: shop.currency,
    defaultRatePercent: basisPointsToPercent(plan?.rateBasisPoints ?? 1000),
    newCustomersOnly: plan?.newCustomersOnly ?? false,
    holdPeriodDays: String(shop.holdPeriodDays),
    payoutSchedule: shop.payoutSchedule,
    creatorReviewEnabled: shop.creatorReviewEnabled,
    invoiceRequired: shop.invoiceRequired,
    invoicePrefix: shop.invoicePrefix,
    nextInvoiceNumber: shop.nextInvoiceNumber,
    selfSignupEnabled: shop.selfSignupEnabled,
    attributionWindowDays: String(shop.attributionWindowDays),
    countPaidOrdersOnly: shop.countPaidOrdersOnly,
    ignoreTestOrders: shop.ignoreTestOrders,
    emailSenderName: shop.emailSenderName ?? "",
    emailReplyTo: shop.emailReplyTo ?? "",
    minimumPayout: toDecimalString({ amountMinor: Number(minimum?.amountMinor ?? DEFAULT_MINIMUM_MINOR), currency: shop.currency }),
  };
}

export type ShopSettingsView = Awaited<ReturnType<typeof getShopSettings>>;
