// Settings → "Risk signals": the review level and the coupon sites (app/domain/risk/risk-settings.ts).
import type { Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { parseRiskSettings } from "../domain/risk/risk-settings";
import { invalidInput } from "../forms/field-errors";

export async function updateRiskSettings(shop: Shop, form: Record<string, unknown>, actor: Actor): Promise<void> {
  const parsed = parseRiskSettings(form);
  if (!parsed.ok) throw invalidInput(parsed.fieldErrors);
  await withTransaction("short", async (tx) => {
    const before = await tx.shop.findUniqueOrThrow({ where: { id: shop.id }, select: { riskReviewScore: true, couponSites: true } });
    const after = { riskReviewScore: parsed.riskReviewScore, couponSites: parsed.couponSites };
    await tx.shop.update({ where: { id: shop.id }, data: after });
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.risk_updated",
      subject: { type: "shop", id: shop.id },
      before,
      after,
    });
  });
}
