// The merchant answers a self-signup application: applied → active | declined (creator status
// machine), with an audit event and an email to the applicant in the same transaction.
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { creatorStatusMachine } from "../domain/status/creator-status";
import { applicationDecisionEmail } from "../notifications/creator-emails";
import { queueCreatorEmail } from "../notifications/queue-creator-email.server";
import { withTransaction } from "../db/transaction.server";

export async function decideApplication(
  shopId: string,
  creatorId: string,
  decision: "approve" | "decline",
  actor: Actor,
  note?: string,
): Promise<{ status: "active" | "declined" }> {
  if (decision !== "approve" && decision !== "decline") throw new DomainError("invalid_input", "Choose approve or decline.");
  if (actor.type === "creator") throw new DomainError("forbidden", "Only the shop's staff can decide an application.");
  const text = note?.trim() || null;
  if (text && text.length > 1000) {
    throw new DomainError("invalid_input", "Keep the note under 1,000 characters.", {
      fieldErrors: { note: "Keep the note under 1,000 characters." },
    });
  }
  const to = decision === "approve" ? "active" : "declined";
  return withTransaction("short", async (tx) => {
    const creator = await tx.creator.findFirst({ where: { id: creatorId, shopId } });
    if (!creator) throw new DomainError("creator_not_found", "This creator does not exist in your shop.");
    if (creator.status !== "applied") {
      throw new DomainError(
        "not_an_application",
        `${creator.name} is ${creator.status}, not an applicant: only applications can be approved or declined.`,
        {
          status: creator.status,
        },
      );
    }
    creatorStatusMachine.assertTransition(creator.status, to);
    const updated = await tx.creator.updateMany({
      where: { id: creator.id, shopId, status: "applied" },
      data: { status: to, statusReason: text },
    });
    if (updated.count !== 1) {
      throw new DomainError(
        "creator_conflict",
        `${creator.name}'s application was decided by someone else just now. Reload to see the decision.`,
      );
    }
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: decision === "approve" ? "creator.application_approved" : "creator.application_declined",
      subject: { type: "creator", id: creator.id },
      before: { status: "applied" },
      after: { status: to, note: text },
    });
    await queueCreatorEmail(tx, shopId, creator.id, (context) => applicationDecisionEmail(context, decision, text));
    return { status: to };
  });
}
