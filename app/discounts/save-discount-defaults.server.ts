// Settings › Creator discount codes: the default terms of the codes the app creates in Shopify.
import type { Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { isDomainError } from "../domain/errors";
import { parseMoney } from "../domain/money";
import { invalidInput } from "../forms/field-errors";
import { parsePercentToBasisPoints } from "../settings/shop-settings-schema";
import { discountDefaultsOf } from "./discount-defaults";
import { parseDiscountTerms } from "./creator-discounts.server";

function minorOf(input: string, currency: string, field: string): bigint {
  try {
    return BigInt(parseMoney(input, currency).amountMinor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw invalidInput({ [field]: error.message });
  }
}

export async function saveDiscountDefaults(shop: Shop, form: Record<string, unknown>, actor: Actor) {
  const terms = parseDiscountTerms({ ...form, code: "" }, shop.currency);
  const percentage = terms.valueKind === "percentage";
  const data = {
    discountValueKind: terms.valueKind,
    discountPercentBasisPoints: percentage ? parsePercentToBasisPoints(terms.value)! : shop.discountPercentBasisPoints,
    discountAmountMinor: percentage ? shop.discountAmountMinor : minorOf(terms.value, shop.currency, "value"),
    discountMinimumSubtotalMinor: terms.minimumSubtotal ? minorOf(terms.minimumSubtotal, shop.currency, "minimumSubtotal") : null,
    discountOncePerCustomer: terms.oncePerCustomer,
    discountCombinesWithOrder: terms.combinesWithOrderDiscounts,
    discountCombinesWithProduct: terms.combinesWithProductDiscounts,
    discountCombinesWithShipping: terms.combinesWithShippingDiscounts,
  };
  await withTransaction("short", async (tx) => {
    const after = await tx.shop.update({ where: { id: shop.id }, data });
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.discount_defaults_updated",
      subject: { type: "shop", id: shop.id },
      before: discountDefaultsOf(shop),
      after: discountDefaultsOf(after),
    });
  });
}
