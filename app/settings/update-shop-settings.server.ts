import type { Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { isDomainError } from "../domain/errors";
import { invalidInput } from "../forms/field-errors";
import { parseMoney } from "../domain/money";
import { shopSettingsSchema } from "./shop-settings-schema";
import { DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR } from "../domain/payout-minimum";
import { withTransaction } from "../db/transaction.server";
import { checkVatId } from "../documents/vat-id";

export type UpdateSettingsResult = { ok: true };

/**
 * Saves the Settings form: shop settings, the default plan's rate and the minimum payout. Bad
 * input throws `invalid_input` with a sentence per field.
 */
export async function updateShopSettings(shop: Shop, form: Record<string, unknown>, actor: Actor): Promise<UpdateSettingsResult> {
  const parsed = shopSettingsSchema.safeParse(form);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  }
  let minimumMinor: number | null = null;
  try {
    minimumMinor = parseMoney(String(form.minimumPayout ?? ""), shop.currency).amountMinor;
    if (minimumMinor < 0) fieldErrors.minimumPayout = "The minimum payout cannot be negative.";
  } catch (error) {
    fieldErrors.minimumPayout ??= isDomainError(error) ? error.message : "Enter an amount, e.g. 25.00.";
  }
  // minimum_EUR=25.00 …: one optional minimum per other currency; empty removes it.
  const otherMinimums: { currency: string; amountMinor: number | null }[] = [];
  for (const [field, raw] of Object.entries(form)) {
    const match = /^minimum_([A-Z]{3})$/.exec(field);
    if (!match || match[1] === shop.currency) continue;
    const input = String(raw ?? "").trim();
    if (!input) {
      otherMinimums.push({ currency: match[1], amountMinor: null });
      continue;
    }
    try {
      const amountMinor = parseMoney(input, match[1]).amountMinor;
      if (amountMinor < 0) fieldErrors[field] = "The minimum payout cannot be negative.";
      else otherMinimums.push({ currency: match[1], amountMinor });
    } catch (error) {
      fieldErrors[field] = isDomainError(error) ? error.message : `Enter an amount in ${match[1]}, e.g. 25.00.`;
    }
  }
  let vatNumber: string | null = null;
  if (parsed.success && parsed.data.vatNumber !== "") {
    // Without a billing country from Shopify, the number's own prefix names its country.
    const country = shop.billingCountryCode ?? parsed.data.vatNumber.slice(0, 2).toUpperCase();
    const vat = checkVatId(parsed.data.vatNumber, country);
    if (vat.ok) vatNumber = vat.vatId;
    else fieldErrors.vatNumber = vat.message;
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0 || minimumMinor === null) throw invalidInput(fieldErrors);

  const settings = parsed.data;
  await withTransaction("short", async (tx) => {
    const before = await tx.shop.findUniqueOrThrow({ where: { id: shop.id }, include: { defaultPlan: true, payoutMinimums: true } });
    let planId = before.defaultPlanId;
    if (planId) {
      await tx.commissionPlan.update({
        where: { id: planId },
        data: { rateBasisPoints: settings.defaultRatePercent, newCustomersOnly: settings.newCustomersOnly, kind: "percentage" },
      });
    } else {
      const plan = await tx.commissionPlan.create({
        data: {
          shopId: shop.id,
          name: "Shop default",
          kind: "percentage",
          rateBasisPoints: settings.defaultRatePercent,
          newCustomersOnly: settings.newCustomersOnly,
        },
      });
      planId = plan.id;
    }
    const after = await tx.shop.update({
      where: { id: shop.id },
      data: {
        defaultPlanId: planId,
        holdPeriodDays: settings.holdPeriodDays,
        payoutSchedule: settings.payoutSchedule,
        creatorReviewEnabled: settings.creatorReviewEnabled,
        invoiceRequired: settings.invoiceRequired,
        invoicePrefix: settings.invoicePrefix,
        selfSignupEnabled: settings.selfSignupEnabled,
        attributionWindowDays: settings.attributionWindowDays,
        countPaidOrdersOnly: settings.countPaidOrdersOnly,
        ignoreTestOrders: settings.ignoreTestOrders,
        emailSenderName: settings.emailSenderName || null,
        emailReplyTo: settings.emailReplyTo || null,
        vatNumber,
      },
    });
    await tx.payoutMinimum.upsert({
      where: { shopId_currency: { shopId: shop.id, currency: shop.currency } },
      create: { shopId: shop.id, currency: shop.currency, amountMinor: BigInt(minimumMinor!) },
      update: { amountMinor: BigInt(minimumMinor!) },
    });
    for (const other of otherMinimums) {
      if (other.amountMinor === null) {
        await tx.payoutMinimum.deleteMany({ where: { shopId: shop.id, currency: other.currency } });
      } else {
        await tx.payoutMinimum.upsert({
          where: { shopId_currency: { shopId: shop.id, currency: other.currency } },
          create: { shopId: shop.id, currency: other.currency, amountMinor: BigInt(other.amountMinor) },
          update: { amountMinor: BigInt(other.amountMinor) },
        });
      }
    }
    const summary = (s: typeof before | typeof after) => ({
      holdPeriodDays: s.holdPeriodDays,
      payoutSchedule: s.payoutSchedule,
      creatorReviewEnabled: s.creatorReviewEnabled,
      invoiceRequired: s.invoiceRequired,
      invoicePrefix: s.invoicePrefix,
      selfSignupEnabled: s.selfSignupEnabled,
      attributionWindowDays: s.attributionWindowDays,
      countPaidOrdersOnly: s.countPaidOrdersOnly,
      ignoreTestOrders: s.ignoreTestOrders,
      emailSenderName: s.emailSenderName,
      emailReplyTo: s.emailReplyTo,
      vatNumber: s.vatNumber,
    });
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.updated",
      subject: { type: "shop", id: shop.id },
      before: {
        ...summary(before),
        defaultRateBasisPoints: before.defaultPlan?.rateBasisPoints ?? null,
        minimumPayoutMinor: Number(
          before.payoutMinimums.find((m) => m.currency === shop.currency)?.amountMinor ?? DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR,
        ),
      },
      after: {
        ...summary(after),
        defaultRateBasisPoints: settings.defaultRatePercent,
        minimumPayoutMinor: minimumMinor,
        otherMinimums: Object.fromEntries(otherMinimums.map((m) => [m.currency, m.amountMinor])),
      },
    });
  });
  return { ok: true };
}
