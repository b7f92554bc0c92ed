import type { Shop } from "@prisma/client";
import type { Db, DbTransaction } from "../db.server";
import { fieldErrorsOf } from "../forms/field-errors";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../domain/calendar";
import { creatorNotInShop, invalidRunRequest } from "./payout-run-errors";
import { payoutRunFormSchema, type PayoutRunForm, type PayoutRunRequest } from "./run-form-schema";
import { payableWindow, type InstantRange } from "./run-periods";
import { payoutMinimumMinor } from "../domain/payout-minimum";

export type Client = Db | DbTransaction;

export interface ResolvedRunRequest extends PayoutRunForm, InstantRange {
  shop: Shop;
}

/** Validates a run request against the shop: real dates, not inverted, not in the future, its own creator. */
export async function resolveRunRequest(client: Client, shopId: string, request: PayoutRunRequest): Promise<ResolvedRunRequest> {
  const shop = await client.shop.findUniqueOrThrow({ where: { id: shopId } });
  const parsed = payoutRunFormSchema(todayInTimeZone(now(), shop.timezone)).safeParse(request);
  if (!parsed.success) throw invalidRunRequest(fieldErrorsOf(parsed.error));
  const form = parsed.data;
  if (form.creatorId) {
    const creator = await client.creator.findFirst({ where: { id: form.creatorId, shopId }, select: { id: true } });
    if (!creator) throw creatorNotInShop();
  }
  return { shop, ...form, ...payableWindow(form, shop.timezone) };
}

/**
 * The minimum per currency (DOMAIN §4): the stored one, else 25.00 for the shop currency; other
 * currencies have none until the merchant sets one (no exchange rates are invented).
 */
export async function resolveMinimums(client: Client, shop: Shop, currencies: string[]): Promise<Record<string, number | null>> {
  const stored = await client.payoutMinimum.findMany({ where: { shopId: shop.id } });
  const minimums: Record<string, number | null> = {};
  for (const currency of currencies) {
    const row = stored.find((minimum) => minimum.currency === currency);
    minimums[currency] = payoutMinimumMinor(row ? Number(row.amountMinor) : null, currency, shop.currency);
  }
  return minimums;
}
