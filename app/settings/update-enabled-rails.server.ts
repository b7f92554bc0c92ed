// Settings → "Payout rails": which rails the shop enables (checkbox `rail_<name>` per rail). A rail
// that cannot be used yet (Stripe not connected, store credit scope not granted) cannot be enabled;
// at least one rail stays enabled so a payout always has a way to be paid. The same form sets the
// store credit bonus (a whole percent from 100, off, to 150).
import type { PayoutChannel, Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { isStoreCreditBonusPercent, STORE_CREDIT_BONUS_PERCENT_MAX, STORE_CREDIT_BONUS_PERCENT_OFF } from "../domain/store-credit-bonus";
import { invalidInput } from "../forms/field-errors";
import { readRailChoices } from "../rails/rail-choices.server";

const checked = (value: unknown) => value === "on" || value === "true";

/** The bonus field: absent keeps the current percent; anything but a whole 100–150 is null (refused). */
function parseBonusPercent(value: unknown, current: number): number | null {
  if (value === undefined) return current;
  const text = String(value).trim().replace(/%$/, "").trim();
  if (!/^\d{1,3}$/.test(text)) return null;
  const percent = Number(text);
  return isStoreCreditBonusPercent(percent) ? percent : null;
}

export async function updateEnabledRails(shop: Shop, form: Record<string, unknown>, actor: Actor): Promise<PayoutChannel[]> {
  const choices = await readRailChoices(shop);
  const fieldErrors: Record<string, string> = {};
  const enabled: PayoutChannel[] = [];
  for (const choice of choices) {
    if (!checked(form[`rail_${choice.name}`])) continue;
    // A rail already enabled stays allowed (disconnecting Stripe later is shown, not undone here).
    if (choice.unavailable && !choice.enabled)
      fieldErrors[`rail_${choice.name}`] = `${choice.label} cannot be enabled: ${choice.unavailable}`;
    else enabled.push(choice.name);
  }
  if (Object.keys(fieldErrors).length === 0 && enabled.length === 0) fieldErrors.rails = "Enable at least one rail to pay creators on.";
  const bonusPercent = parseBonusPercent(form.storeCreditBonusPercent, shop.storeCreditBonusPercent);
  if (bonusPercent === null) {
    fieldErrors.storeCreditBonusPercent = `Enter the store credit bonus as a whole percent from ${STORE_CREDIT_BONUS_PERCENT_OFF} (no bonus) to ${STORE_CREDIT_BONUS_PERCENT_MAX}.`;
  }
  if (Object.keys(fieldErrors).length > 0) throw invalidInput(fieldErrors);

  await withTransaction("short", async (tx) => {
    const before = await tx.shop.findUniqueOrThrow({
      where: { id: shop.id },
      select: { enabledRails: true, storeCreditBonusPercent: true },
    });
    await tx.shop.update({ where: { id: shop.id }, data: { enabledRails: enabled, storeCreditBonusPercent: bonusPercent! } });
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.rails_updated",
      subject: { type: "shop", id: shop.id },
      before: { enabledRails: before.enabledRails, storeCreditBonusPercent: before.storeCreditBonusPercent },
      after: { enabledRails: enabled, storeCreditBonusPercent: bonusPercent },
    });
  });
  return enabled;
}
