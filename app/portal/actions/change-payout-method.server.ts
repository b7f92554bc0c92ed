// A creator changes their offline payout method (DOMAIN.md §7): the new details are validated,
// sealed and kept aside until the creator confirms from an emailed single-use link (24 h); only
// then do they replace the old ones, and new payouts wait 24 hours in case the change was not
// theirs (createPayout and payout runs honour Creator.payoutsHeldUntil).
import { offlineDetailsFingerprint } from "../../risk/payout-details-fingerprint.server";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import { PORTAL_PROXY_PATH } from "../../creators/invite-creator.server";
import { openPayoutDetailsAt, sealPayoutDetails } from "../../creators/payout-details.server";
import { creatorPayoutDetailsField, payoutMethodChangeDetailsField } from "../../lib/sealed-columns.server";
import { DomainError } from "../../domain/errors";
import { now } from "../../lib/clock.server";
import { payoutMethodConfirmationEmail } from "../../notifications/creator-emails";
import { queueCreatorEmail } from "../../notifications/queue-creator-email.server";
import { parsePayoutMethodInput, type PayoutMethodInput } from "./payout-method-input";
import { maskEmail } from "./payout-method-summary";
import { withTransaction } from "../../db/transaction.server";

const HOUR = 60 * 60 * 1000;
export const PAYOUT_METHOD_LINK_HOURS = 24;
export const PAYOUTS_HELD_HOURS = 24;

export const hashPayoutMethodToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creators who may set how they are paid. */
const MAY_CHANGE = ["active", "paused"];

export async function proposePayoutMethodChange(
  shopId: string,
  creatorId: string,
  input: PayoutMethodInput,
): Promise<{ changeId: string; summary: string; sentTo: string }> {
  const { details, summary } = parsePayoutMethodInput(input);
  const token = randomBytes(32).toString("base64url");
  return withTransaction("short", async (tx) => {
    const creator = await tx.creator.findFirst({ where: { id: creatorId, shopId }, include: { shop: { select: { domain: true } } } });
    if (!creator) throw new DomainError("creator_not_found", "Your creator account was not found in this shop. Log in again.");
    if (!MAY_CHANGE.includes(creator.status)) {
      throw new DomainError("creator_not_active", `Your creator account is ${creator.status}: payout methods cannot be changed.`);
    }
    const at = now();
    // Only the newest request can be confirmed: an older link stops working.
    await tx.payoutMethodChange.updateMany({
      where: { shopId, creatorId, confirmedAt: null, supersededAt: null },
      data: { supersededAt: at },
    });
    const expiresAt = new Date(at.getTime() + PAYOUT_METHOD_LINK_HOURS * HOUR);
    // The id is chosen here because the sealed details are bound to their row.
    const changeId = `pmc_${randomUUID().replaceAll("-", "")}`;
    const change = await tx.payoutMethodChange.create({
      data: {
        id: changeId,
        shopId,
        creatorId,
        method: details.method,
        detailsCiphertext: sealPayoutDetails(details, payoutMethodChangeDetailsField({ id: changeId, shopId })),
        summary,
        tokenHash: hashPayoutMethodToken(token),
        expiresAt,
      },
      select: { id: true },
    });
    const link = `https://${creator.shop.domain}${PORTAL_PROXY_PATH}/payout-method/confirm/${token}`;
    await queueCreatorEmail(tx, shopId, creatorId, (context) => payoutMethodConfirmationEmail(context, { summary, link, expiresAt }));
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creatorId },
      action: "creator.payout_method_change_requested",
      subject: { type: "creator", id: creatorId },
      after: { changeId: change.id, method: details.method, summary, expiresAt: expiresAt.toISOString() },
    });
    return { changeId: change.id, summary, sentTo: maskEmail(creator.email) };
  });
}

const linkProblem = {
  notFound: () =>
    new DomainError(
      "payout_method_change_not_found",
      "This confirmation link is not valid. Open the whole link from the latest email, or change your payout method again.",
    ),
  used: () =>
    new DomainError(
      "payout_method_change_used",
      "This payout method change was already confirmed. Your portal shows your current payout method.",
    ),
  superseded: () =>
    new DomainError(
      "payout_method_change_superseded",
      "You asked for another payout method change after this one: use the link in the latest email.",
    ),
  expired: () =>
    new DomainError(
      "payout_method_change_expired",
      "This confirmation link expired (links work for 24 hours). Change your payout method again in the portal to get a new one.",
    ),
};

export async function confirmPayoutMethodChange(
  shopId: string,
  token: string,
): Promise<{ creatorId: string; summary: string; payoutsHeldUntil: Date }> {
  if (!token || token.length > 200) throw linkProblem.notFound();
  return withTransaction("short", async (tx) => {
    const change = await tx.payoutMethodChange.findFirst({ where: { shopId, tokenHash: hashPayoutMethodToken(token) } });
    if (!change) throw linkProblem.notFound();
    if (change.confirmedAt) throw linkProblem.used();
    if (change.supersededAt) throw linkProblem.superseded();
    const at = now();
    if (change.expiresAt <= at) throw linkProblem.expired();
    const claimed = await tx.payoutMethodChange.updateMany({
      where: { id: change.id, shopId, confirmedAt: null, supersededAt: null, expiresAt: { gt: at } },
      data: { confirmedAt: at },
    });
    if (claimed.count !== 1) throw linkProblem.used();

    const creator = await tx.creator.findFirstOrThrow({ where: { id: change.creatorId, shopId } });
    const payoutsHeldUntil = new Date(at.getTime() + PAYOUTS_HELD_HOURS * HOUR);
    // Re-sealed for the creator's row: a sealed value opens only where it was sealed.
    const details = openPayoutDetailsAt(change.detailsCiphertext, payoutMethodChangeDetailsField(change));
    await tx.creator.update({
      where: { id: creator.id },
      data: {
        payoutMethod: change.method,
        payoutDetailsCiphertext: sealPayoutDetails(details, creatorPayoutDetailsField(creator)),
        payoutDetailsFingerprint: offlineDetailsFingerprint(details),
        payoutDetailsSummary: change.summary,
        payoutDetailsStatus: "complete",
        payoutMethodChangedAt: at,
        payoutsHeldUntil,
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creator.id },
      action: "creator.payout_method_changed",
      subject: { type: "creator", id: creator.id },
      before: {
        payoutMethod: creator.payoutMethod,
        summary: creator.payoutDetailsSummary,
        payoutDetailsStatus: creator.payoutDetailsStatus,
      },
      after: {
        payoutMethod: change.method,
        summary: change.summary,
        payoutDetailsStatus: "complete",
        changeId: change.id,
        payoutsHeldUntil: payoutsHeldUntil.toISOString(),
      },
    });
    return { creatorId: creator.id, summary: change.summary, payoutsHeldUntil };
  });
}
