// Settings → "1099 state reporting": the shop's payer id per state (Form 1099-NEC box 6), replaced as
// a whole from the text the merchant typed (app/domain/tax/payer-state-ids.ts), audited.
import type { Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { parsePayerStateIds, type PayerStateId } from "../domain/tax/payer-state-ids";
import { invalidInput } from "../forms/field-errors";

export async function readPayerStateIds(shopId: string): Promise<PayerStateId[]> {
  return db().payerStateId.findMany({ where: { shopId }, orderBy: { state: "asc" }, select: { state: true, idNumber: true } });
}

export async function savePayerStateIds(shop: Pick<Shop, "id">, form: Record<string, unknown>, actor: Actor): Promise<void> {
  const parsed = parsePayerStateIds(form.payerStateIds);
  if (!parsed.ok) throw invalidInput(parsed.fieldErrors);
  await withTransaction("short", async (tx) => {
    const before = await tx.payerStateId.findMany({ where: { shopId: shop.id }, orderBy: { state: "asc" } });
    await tx.payerStateId.deleteMany({ where: { shopId: shop.id } });
    if (parsed.ids.length > 0) await tx.payerStateId.createMany({ data: parsed.ids.map((id) => ({ shopId: shop.id, ...id })) });
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.payer_state_ids_updated",
      subject: { type: "shop", id: shop.id },
      before: { payerStateIds: before.map(({ state, idNumber }) => ({ state, idNumber })) },
      after: { payerStateIds: parsed.ids },
    });
  });
}
