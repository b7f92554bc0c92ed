import type { PayoutRequest } from "@prisma/client";
import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";
import { formatMoney } from "../domain/money";
import { payoutRequestStatusMachine } from "../domain/status/payout-request-status";
import { readCreatorBalances } from "../ledger/read-balances.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { withdrawalApprovedEmail, withdrawalRejectedEmail } from "../notifications/creator-emails";
import { queueCreatorEmail } from "../notifications/queue-creator-email.server";
import { createPayout } from "../payouts/create-payout.server";
import { requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockCreatorBalance } from "../db/locks.server";
import { PAYOUT_REQUEST_SUBJECT } from "./request-payout.server";
import { withTransaction } from "../db/transaction.server";

export const rejectPayoutRequestSchema = z.object({
  note: requiredText(
    "Tell the creator why, like “Please wait for the March invoice”. They will see this note.",
    1000,
    "Keep the note under 1,000 characters.",
  ),
});

function alreadyDecided(request: Pick<PayoutRequest, "id" | "status" | "decidedBy" | "decidedAt">): DomainError {
  const by = request.decidedBy ? ` by ${request.decidedBy}` : "";
  const at = request.decidedAt ? ` at ${request.decidedAt.toISOString()}` : "";
  return new DomainError(
    "payout_request_already_decided",
    `This payout request was already ${request.status}${by}${at}. Reload to see the decision.`,
    { requestId: request.id, status: request.status },
  );
}

/**
 * Claims the request for one decision: a conditional update on `requested`. Of two staff deciding
 * at once, the second waits on the row lock, then matches no row and is told who decided first.
 */
async function claimRequest(
  tx: DbTransaction,
  shopId: string,
  requestId: string,
  to: "approved" | "rejected",
  actor: Actor,
  decisionNote: string | null,
): Promise<PayoutRequest> {
  if (actor.type === "creator") {
    throw new DomainError("forbidden", "Only the shop's staff can decide a payout request.", { requestId });
  }
  const request = await tx.payoutRequest.findFirst({ where: { id: requestId, shopId } });
  if (!request) throw new DomainError("not_found", "That payout request does not exist in this shop.", { requestId });
  if (!payoutRequestStatusMachine.canTransition(request.status, to)) throw alreadyDecided(request);

  const claimed = await tx.payoutRequest.updateMany({
    where: { id: requestId, shopId, status: "requested" },
    data: { status: to, decidedBy: actorLabel(actor), decidedAt: now(), decisionNote },
  });
  if (claimed.count === 0) {
    throw alreadyDecided(await tx.payoutRequest.findFirstOrThrow({ where: { id: requestId, shopId } }));
  }
  return request;
}

export interface ApprovedPayoutRequest {
  requestId: string;
  payoutId: string;
  amountMinor: number;
  currency: string;
  payoutStatus: string;
  invoiceNumber: number | null;
}

/**
 * requested → approved: re-checks the creator's payable balance under the balance lock and
 * creates the payout (pending_review or ready, per the shop) in the same transaction, so a
 * request is approved exactly when its payout exists. The shop's minimum is not applied: the
 * amount was asked for and a person approved it.
 */
export async function approvePayoutRequest(shopId: string, requestId: string, actor: Actor): Promise<ApprovedPayoutRequest> {
  return withTransaction("interactive", async (tx) => {
    // The balance lock first, then the request's row: the order a run or a manual payout takes
    // them in (lockOpenRequests), so the two never deadlock.
    const unclaimed = await tx.payoutRequest.findFirst({ where: { id: requestId, shopId }, select: { creatorId: true, currency: true } });
    if (unclaimed) await lockCreatorBalance(tx, { shopId, creatorId: unclaimed.creatorId, currency: unclaimed.currency });
    const request = await claimRequest(tx, shopId, requestId, "approved", actor, null);
    const currency = request.currency;
    const amountMinor = toMinorNumber(request.amountMinor);

    const payableMinor = (await readCreatorBalances(shopId, [request.creatorId], tx)).find((b) => b.currency === currency)?.payable ?? 0;
    if (payableMinor < amountMinor) {
      const show = (minor: number) => formatMoney({ amountMinor: minor, currency });
      throw new DomainError(
        "amount_above_payable",
        `Only ${show(payableMinor)} is payable now, less than the ${show(amountMinor)} requested. ` +
          "Reject the request with a note, or create a payout for a smaller amount.",
        { requestId, amountMinor, payableMinor, currency },
      );
    }

    const payout = await createPayout(
      {
        shopId,
        creatorId: request.creatorId,
        currency,
        amountMinor,
        origin: "request",
        actor,
        comment: request.comment ?? undefined,
        minimumMinor: null,
        // A creator's withdrawal is answered by one email saying it was approved and what comes next.
        notifyCreator: request.origin !== "creator",
      },
      tx,
    );
    if (request.origin === "creator") {
      await queueCreatorEmail(tx, shopId, request.creatorId, (context) =>
        withdrawalApprovedEmail(
          context,
          { amount: { amountMinor, currency } },
          { amount: { amountMinor: payout.amountMinor, currency }, invoiceLabel: payout.invoiceLabel, status: payout.status },
        ),
      );
    }
    await tx.payoutRequest.update({ where: { id: requestId }, data: { payoutId: payout.payoutId } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout_request.approved",
      subject: { type: PAYOUT_REQUEST_SUBJECT, id: requestId },
      before: { status: request.status },
      after: { status: "approved", payoutId: payout.payoutId, amountMinor: payout.amountMinor, currency },
    });
    return {
      requestId,
      payoutId: payout.payoutId,
      amountMinor: payout.amountMinor,
      currency,
      payoutStatus: payout.status,
      invoiceNumber: payout.invoiceNumber,
    };
  });
}

/** requested → rejected with a note the creator sees. Nothing was reserved, so no money moves. */
export async function rejectPayoutRequest(
  shopId: string,
  requestId: string,
  actor: Actor,
  note: string | null | undefined,
): Promise<{ requestId: string }> {
  const values = parseForm(rejectPayoutRequestSchema, { note });
  return withTransaction("interactive", async (tx) => {
    const request = await claimRequest(tx, shopId, requestId, "rejected", actor, values.note);
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout_request.rejected",
      subject: { type: PAYOUT_REQUEST_SUBJECT, id: requestId },
      before: { status: request.status },
      after: { status: "rejected", note: values.note },
    });
    if (request.origin === "creator") {
      const amount = { amountMinor: toMinorNumber(request.amountMinor), currency: request.currency };
      await queueCreatorEmail(tx, shopId, request.creatorId, (context) => withdrawalRejectedEmail(context, { amount, note: values.note }));
    }
    return { requestId };
  });
}
