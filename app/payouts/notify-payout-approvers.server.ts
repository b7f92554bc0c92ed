// Two-person approval (issue 17 §3): when a payout starts waiting for a second approval, each
// approver chosen in Settings — except whoever created or requested it — gets one email.
// `queueApproverNotices` runs in the transaction that created the payout or changed its amount and
// queues a job only for payouts above their currency's approval amount (a run of thousands below it
// queues nothing). The job asks the payout-hold door itself, once the change committed (request
// links included), and sends at most once per payout and amount: the emails and an audit event
// `payout.approval_requested` {amountMinor} are written in one transaction under a per-payout
// lock, and a retry, a second job or a repeat of the change finds the event and sends nothing.
import type { Task } from "graphile-worker";
import { SYSTEM_ACTOR } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import type { DbTransaction } from "../db.server";
import { formatMoney } from "../domain/money";
import { needsSecondApproval, payoutHolds } from "../domain/payout-holds";
import { queueEmail } from "../email/send-email.server";
import { enqueueJobs } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { toMinorNumber } from "../ledger/to-minor-number";
import { readSecondApprovalFacts } from "./payout-holds.server";

export const APPROVAL_REQUESTED_ACTION = "payout.approval_requested";
const WAITING_STATUSES: readonly string[] = ["draft", "pending_review", "ready", "failed"];

/** Queues the approver notice job for the payouts (just created or re-amounted) above their currency's approval amount. */
export async function queueApproverNotices(
  tx: DbTransaction,
  shopId: string,
  payouts: readonly { payoutId: string; currency: string; amountMinor: number }[],
): Promise<void> {
  if (payouts.length === 0) return;
  const thresholds = await tx.payoutApprovalThreshold.findMany({ where: { shopId }, select: { currency: true, amountMinor: true } });
  if (thresholds.length === 0) return;
  const above = payouts.filter((payout) => {
    const threshold = thresholds.find((t) => t.currency === payout.currency);
    return threshold !== undefined && needsSecondApproval(payout.amountMinor, toMinorNumber(threshold.amountMinor));
  });
  await enqueueJobs(
    tx,
    JOB.notifyPayoutApprovers,
    above.map((payout) => ({
      payload: { shopId, payoutId: payout.payoutId },
      // One waiting job per payout and amount; the audit event keeps it once for good.
      jobKey: `approvers_${payout.payoutId}_${payout.amountMinor}`,
      maxAttempts: 8,
    })),
  );
}

/** The job: emails the approvers of one payout that awaits a second approval; how many were emailed (0 when none is due). */
export async function notifyPayoutApprovers(shopId: string, payoutId: string): Promise<number> {
  return withTransaction("short", async (tx) => {
    // One notice of a payout at a time: two jobs (or a retry beside a late first try) cannot both miss the event.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`approver-notice:${payoutId}`}, 0))`;
    const payout = await tx.payout.findFirst({
      where: { id: payoutId, shopId },
      select: { status: true, invoiceLabel: true, creator: { select: { name: true } }, shop: { select: { name: true } } },
    });
    if (!payout || !WAITING_STATUSES.includes(payout.status)) return 0;
    const facts = (await readSecondApprovalFacts(tx, shopId, { payoutIds: [payoutId] })).get(payoutId);
    if (!facts) return 0;
    const hold = payoutHolds({ payout: facts.payout, taxReporting: null, secondApproval: facts.secondApproval }).find(
      (h) => h.code === "awaits_second_approval",
    );
    if (!hold) return 0;
    const { amountMinor, currency } = facts.payout;
    const already = await tx.auditEvent.findFirst({
      where: {
        shopId,
        subjectType: "payout",
        subjectId: payoutId,
        action: APPROVAL_REQUESTED_ACTION,
        after: { path: ["amountMinor"], equals: amountMinor },
      },
      select: { id: true },
    });
    if (already) return 0;
    const initiators = new Set(facts.secondApproval.initiatorIds);
    const approvers = await tx.payoutApprover.findMany({
      where: { shopId },
      select: { staffId: true, name: true, email: true },
      orderBy: { staffId: "asc" },
    });
    const recipients = approvers.filter((approver) => approver.email && !initiators.has(approver.staffId));
    const money = formatMoney({ amountMinor, currency });
    const label = payout.invoiceLabel ?? "a draft payout";
    for (const approver of recipients) {
      await queueEmail(tx, {
        shopId,
        to: approver.email!,
        subject: `Payout ${label} of ${money} to ${payout.creator.name} awaits your approval`,
        text: [
          `Hello ${approver.name ?? ""}`.trim() + ",",
          "",
          `Payout ${label} of ${money} to ${payout.creator.name} (${payout.shop.name}) is not paid until a second staff member approves it.`,
          hold.sentence,
          "",
          `You are one of the approvers chosen in Settings. Open Creator Payouts in your Shopify admin, go to Payouts › ${label}, and choose "Approve payout".`,
        ].join("\n"),
      });
    }
    await recordAuditEvent(tx, {
      shopId,
      actor: SYSTEM_ACTOR,
      action: APPROVAL_REQUESTED_ACTION,
      subject: { type: "payout", id: payoutId },
      after: { amountMinor, currency, approvers: recipients.map((approver) => approver.staffId) },
    });
    return recipients.length;
  });
}

export const notifyPayoutApproversTask: Task = async (payload) => {
  const { shopId, payoutId } = payload as { shopId: string; payoutId: string };
  await notifyPayoutApprovers(shopId, payoutId);
};
