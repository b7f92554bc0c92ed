import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { toDecimalString } from "../domain/money";
import { basisPointsToPercent } from "./shop-settings-schema";
import { DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR } from "../domain/payout-minimum";

/** The Settings form's current values, as the strings the form fields show. */
export async function getShopSettings(shop: Shop) {
  const [plan, minimum, minimums, ledgerCurrencies] = await Promise.all([
    shop.defaultPlanId ? db().commissionPlan.findUnique({ where: { id: shop.defaultPlanId } }) : null,
    db().payoutMinimum.findUnique({ where: { shopId_currency: { shopId: shop.id, currency: shop.currency } } }),
    db().payoutMinimum.findMany({ where: { shopId: shop.id, currency: { not: shop.currency } } }),
    db().ledgerEntry.findMany({
      where: { shopId: shop.id, currency: { not: shop.currency } },
      distinct: ["currency"],
      select: { currency: true },
    }),
  ]);
  // Other currencies creators earn in (fees, adjustments) need their own minimum (DOMAIN.md §4).
  const otherCurrencies = [...new Set([...ledgerCurrencies.map((e) => e.currency), ...minimums.map((m) => m.currency)])].sort();
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
    vatNumber: shop.vatNumber ?? "",
    minimumPayout: toDecimalString({
      amountMinor: Number(minimum?.amountMinor ?? DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR),
      currency: shop.currency,
    }),
    otherMinimums: otherCurrencies.map((currency) => {
      const set = minimums.find((m) => m.currency === currency);
      return { currency, amount: set ? toDecimalString({ amountMinor: Number(set.amountMinor), currency }) : "" };
    }),
  };
}

export type ShopSettingsView = Awaited<ReturnType<typeof getShopSettings>>;
