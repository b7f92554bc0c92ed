// The shop's default terms for creator codes (Settings), as the strings the terms fields show.
// A creator's form starts from them and may change any (the per-creator override). Pure.
import type { Shop } from "@prisma/client";
import { toDecimalString } from "../domain/money";
import { basisPointsToPercent } from "../settings/shop-settings-schema";

export type DiscountDefaults = {
  valueKind: "percentage" | "fixed_amount";
  value: string;
  minimumSubtotal: string;
  oncePerCustomer: boolean;
  combinesWithOrderDiscounts: boolean;
  combinesWithProductDiscounts: boolean;
  combinesWithShippingDiscounts: boolean;
};

export function discountDefaultsOf(shop: Shop): DiscountDefaults {
  const money = (amountMinor: bigint | null) => (amountMinor === null ? "" : toDecimalString({ amountMinor, currency: shop.currency }));
  const fixed = shop.discountValueKind === "fixed_amount" && shop.discountAmountMinor !== null;
  return {
    valueKind: fixed ? "fixed_amount" : "percentage",
    value: fixed ? money(shop.discountAmountMinor) : basisPointsToPercent(shop.discountPercentBasisPoints),
    minimumSubtotal: money(shop.discountMinimumSubtotalMinor),
    oncePerCustomer: shop.discountOncePerCustomer,
    combinesWithOrderDiscounts: shop.discountCombinesWithOrder,
    combinesWithProductDiscounts: shop.discountCombinesWithProduct,
    combinesWithShippingDiscounts: shop.discountCombinesWithShipping,
  };
}
