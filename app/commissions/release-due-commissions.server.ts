import { Prisma } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { releaseHold } from "../domain/ledger";
import { commissionStatusMachine } from "../domain/status/commission-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { now } from "../lib/clock.server";
import { COMMISSION_SUBJECT, readCommissionHeldMinor } from "./commission-amounts.server";
import { lockOrder } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import { queueCommissionApproved } from "../flow/flow-trigger-events.server";

/**
 * The end of the hold (DOMAIN.md §4): every held commission whose hold is over moves held →
 * payable, becomes a payable item and is `approved` (or `reversed` when refunds took it to 0). Uninstalled shops wait,
 * and so do commissions pending risk review (released once the merchant approves them). Safe to run on
 * several instances at once: each commission is released under its order's lock, once (ledger
 * idempotency key `release:<commission id>`).
 */
export async function releaseDueCommissions(batchSize = 200): Promise<number> {
  const due = await db().$queryRaw<{ id: string; shopId: string; shopifyOrderId: string }[]>(Prisma.sql`
    SELECT c."id", c."shopId", o."shopifyOrderId"
    FROM "Commission" c
    JOIN "Shop" s ON s."id" = c."shopId"
    JOIN "AttributedOrder" o ON o."id" = c."orderId"
    WHERE c."status" = 'held' AND c."holdUntil" <= ${now()} AND s."installState" = 'installed'
      AND c."riskReview" IS DISTINCT FROM 'pending'
    ORDER BY c."holdUntil" LIMIT ${batchSize}`);
  let released = 0;
  for (const row of due) {
    const done = await withTransaction("short", async (tx) => {
      await lockOrder(tx, row.shopId, row.shopifyOrderId);
      const commission = await tx.commission.findUnique({ where: { id: row.id } });
      // A commission flagged for risk review waits for the merchant's decision (issue 17 §2).
      if (!commission || commission.status !== "held" || commission.riskReview === "pending") return false;
      const heldMinor = await readCommissionHeldMinor(tx, row.shopId, commission.id);
      if (heldMinor <= 0) {
        // Refunded to nothing during the hold (a refund whose order edit never became final).
        commissionStatusMachine.assertTransition("held", "reversed");
        await tx.commission.update({
          where: { id: commission.id },
          data: { status: "reversed", statusReason: "fully refunded during the hold" },
        });
        await recordAuditEvent(tx, {
          shopId: row.shopId,
          actor: { type: "system" },
          action: "commission.reversed",
          subject: { type: COMMISSION_SUBJECT, id: commission.id },
          before: { status: "held" },
          after: { status: "reversed", reason: "fully refunded during the hold" },
        });
        return true;
      }
      commissionStatusMachine.assertTransition("held", "approved");
      const approvedAt = now();
      {
        await tx.payableItem.create({
          data: {
            shopId: row.shopId,
            creatorId: commission.creatorId,
            kind: "commission",
            amountMinor: BigInt(heldMinor),
            currency: commission.currency,
            payableSince: approvedAt,
            commissionId: commission.id,
          },
        });
        await postLedgerTransaction(tx, {
          shopId: row.shopId,
          draft: releaseHold({ creatorId: commission.creatorId, currency: commission.currency, amountMinor: heldMinor }),
          subject: { type: COMMISSION_SUBJECT, id: commission.id },
          action: "commission.approved",
          actor: { type: "system" },
          before: { status: "held" },
          after: { status: "approved", payableMinor: heldMinor },
          idempotencyKey: `release:${commission.id}`,
          onDuplicate: "skip",
        });
      }
      await tx.commission.update({ where: { id: commission.id }, data: { status: "approved", approvedAt } });
      await queueCommissionApproved(tx, row.shopId, commission.id, heldMinor);
      return true;
    });
    if (done) released++;
  }
  return released;
}
