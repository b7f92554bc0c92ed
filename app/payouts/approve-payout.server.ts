// "Approve payout" (two-person approval, issue 17 item 3): a staff member the shop chose as an
// approver, who did not create or request the payout, approves it at its current amount. The
// payout row is locked first, so two tabs of one person (or two approvers) approving at once
// write one approval: the second waits, then finds it approved.
import { actorIdentity, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { needsSecondApproval } from "../domain/payout-holds";
import { now } from "../lib/clock.server";
import { amountText, payoutNotFound } from "./payout-errors";
import { readSecondApprovalFacts } from "./payout-holds.server";
import { PAYOUT_SUBJECT } from "./record-payout-change.server";

const APPROVABLE_STATUSES = ["draft", "pending_review", "ready", "failed"];

export interface PayoutApprovalResult {
  amountMinor: number;
  currency: string;
}

export function approvePayout(shopId: string, payoutId: string, actor: Actor): Promise<PayoutApprovalResult> {
  return withTransaction("interactive", async (tx) => {
    const status = await lockPayout(tx, shopId, payoutId);
    if (actor.type !== "staff") throw notAnApprover();
    const approver = await tx.payoutApprover.findUnique({ where: { shopId_staffId: { shopId, staffId: actor.id } } });
    if (!approver) throw notAnApprover();
    if (!APPROVABLE_STATUSES.includes(status)) {
      throw new DomainError("approval_not_needed", `This payout is ${status} and cannot be approved any more.`, { status });
    }
    const facts = (await readSecondApprovalFacts(tx, shopId, { payoutIds: [payoutId] })).get(payoutId);
    if (!facts || !needsSecondApproval(facts.payout.amountMinor, facts.secondApproval.thresholdMinor)) {
      throw new DomainError(
        "approval_not_needed",
        "This payout is not above the amount that needs a second approval: it can be paid as it is.",
      );
    }
    const { payout, secondApproval } = facts;
    if (secondApproval.initiatorIds.includes(actor.id)) {
      throw new DomainError(
        "self_approval",
        "You created or requested this payout, so you cannot be its second approver: another approver must approve it.",
      );
    }
    const current = secondApproval.approval;
    if (current && !secondApproval.initiatorIds.includes(current.approverId) && current.amountMinor === payout.amountMinor) {
      throw new DomainError(
        "already_approved",
        `This payout was already approved by ${current.approverName ?? current.approverId} at ${amountText(current.amountMinor, payout.currency)}.`,
      );
    }
    const identity = actorIdentity(actor);
    const approval = {
      approverId: actor.id,
      approverName: identity.name,
      approverEmail: identity.email,
      amountMinor: BigInt(payout.amountMinor),
      currency: payout.currency,
      approvedAt: now(),
    };
    await tx.payoutApproval.upsert({ where: { payoutId }, create: { payoutId, shopId, ...approval }, update: approval });
    // The trail names both people: the approver is this event's actor, the initiators are listed.
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout.second_approval",
      subject: { type: PAYOUT_SUBJECT, id: payoutId },
      before: current ? { approverId: current.approverId, amountMinor: current.amountMinor } : undefined,
      after: {
        approverId: actor.id,
        approverName: identity.name,
        amountMinor: payout.amountMinor,
        currency: payout.currency,
        thresholdMinor: secondApproval.thresholdMinor,
        createdOrRequestedBy: secondApproval.initiatorIds,
      },
    });
    return { amountMinor: payout.amountMinor, currency: payout.currency };
  });
}

async function lockPayout(tx: DbTransaction, shopId: string, payoutId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT "status"::text AS "status" FROM "Payout" WHERE "id" = ${payoutId} AND "shopId" = ${shopId} FOR UPDATE`;
  if (!row) throw payoutNotFound(payoutId);
  return row.status;
}

function notAnApprover(): DomainError {
  return new DomainError("not_an_approver", "Only the staff members chosen as payout approvers in Settings can approve payouts.");
}
