// What the app tells a creator by email, as plain text (pure, no I/O). Emails never carry payment
// details (no IBAN, PayPal address or Stripe data): they say what happened and link to the portal,
// where the creator is logged in.
import { formatShopDateTime } from "../domain/calendar";
import type { PayoutStatus } from "../domain/status/payout-status";

/** The creator portal behind the app proxy (shopify.app.toml [app_proxy], PORTAL_PROXY_PATH). */
export const PORTAL_PAGE_PATH = "/apps/creator-payouts/portal";

export function creatorPortalUrl(shopDomain: string): string {
  return `https://${shopDomain}${PORTAL_PAGE_PATH}`;
}

export interface CreatorEmail {
  subject: string;
  text: string;
}

export interface EmailContext {
  shopName: string;
  shopDomain: string;
  creatorName: string;
  /** The shop's time zone: dates in emails are the shop's dates (UTC when not given). */
  timeZone?: string;
}

/** Payout statuses a creator is told about. Drafts are invisible to creators; cancels are shown in the portal. */
export const PAYOUT_STATUSES_NOTIFIED = ["pending_review", "ready", "paid", "failed"] as const satisfies readonly PayoutStatus[];
export type NotifiedPayoutStatus = (typeof PAYOUT_STATUSES_NOTIFIED)[number];

export function isNotifiedPayoutStatus(status: unknown): status is NotifiedPayoutStatus {
  return (PAYOUT_STATUSES_NOTIFIED as readonly unknown[]).includes(status);
}

const statusOf = (value: unknown): unknown =>
  typeof value === "object" && value !== null && "status" in value ? (value as { status: unknown }).status : undefined;

/**
 * The status a payout change moves to, when the creator must hear about it: read from the
 * change's `after.status`, and only when it differs from `before.status` (so item removals,
 * disputes and other changes that keep the status say nothing).
 */
export function notifiedStatusMove(before: unknown, after: unknown): NotifiedPayoutStatus | null {
  const to = statusOf(after);
  if (!isNotifiedPayoutStatus(to)) return null;
  return statusOf(before) === to ? null : to;
}

function signOff(context: EmailContext, lines: string[]): string {
  return [
    `Hi ${context.creatorName},`,
    "",
    ...lines,
    "",
    "Open your creator portal (log in to the store with this email address):",
    creatorPortalUrl(context.shopDomain),
    "If that page is not found, open the creator page the shop linked you to from its homepage.",
    "",
    `— ${context.shopName}`,
  ].join("\n");
}

export interface PayoutFacts {
  /** "$250.00" */
  amount: string;
  invoiceLabel: string | null;
}

const payoutName = (payout: PayoutFacts) => (payout.invoiceLabel ? `payout ${payout.invoiceLabel}` : "payout");

export function payoutStatusEmail(context: EmailContext, status: NotifiedPayoutStatus, payout: PayoutFacts): CreatorEmail {
  const name = payoutName(payout);
  switch (status) {
    case "pending_review":
      return {
        subject: `${context.shopName}: please review your ${payout.amount} payout`,
        text: signOff(context, [
          `Your ${name} of ${payout.amount} is waiting for your review.`,
          "Check its items, then accept it (with your invoice if the shop asks for one) or dispute an item with a note.",
        ]),
      };
    case "ready":
      return {
        subject: `${context.shopName}: your ${payout.amount} payout is scheduled`,
        text: signOff(context, [`Your ${name} of ${payout.amount} is scheduled: the shop will pay it soon.`]),
      };
    case "paid":
      return {
        subject: `${context.shopName}: your ${payout.amount} payout was paid`,
        text: signOff(context, [`Your ${name} of ${payout.amount} was paid. The portal shows when and how.`]),
      };
    case "failed":
      return {
        subject: `${context.shopName}: your ${payout.amount} payout is delayed`,
        text: signOff(context, [
          `Your ${name} of ${payout.amount} could not be paid yet and is delayed.`,
          "The shop will retry it. Check that your payout method in the portal is up to date.",
        ]),
      };
  }
}

export function withdrawalApprovedEmail(
  context: EmailContext,
  request: { amount: string },
  payout: PayoutFacts & { status: string },
): CreatorEmail {
  const next =
    payout.status === "pending_review"
      ? "Review the payout in the portal and accept it so it can be paid."
      : payout.status === "draft"
        ? "The shop is preparing the payout; you will hear from us when it is scheduled."
        : "The payout is scheduled: the shop will pay it soon.";
  return {
    subject: `${context.shopName}: your ${request.amount} withdrawal request was approved`,
    text: signOff(context, [`Your withdrawal request of ${request.amount} was approved as ${payoutName(payout)}.`, next]),
  };
}

export function withdrawalRejectedEmail(context: EmailContext, request: { amount: string; note: string }): CreatorEmail {
  return {
    subject: `${context.shopName}: your ${request.amount} withdrawal request was not approved`,
    text: signOff(context, [
      `Your withdrawal request of ${request.amount} was not approved. The shop's note:`,
      "",
      request.note,
      "",
      "Your balance is unchanged; you can send a new request from the portal.",
    ]),
  };
}

export function applicationDecisionEmail(context: EmailContext, decision: "approve" | "decline", note: string | null): CreatorEmail {
  if (decision === "approve") {
    return {
      subject: `${context.shopName}: welcome to the creator program`,
      text: signOff(context, [
        `${context.shopName} approved your application to its creator program.`,
        "Your referral link and code are in the portal, where you can also set up how you get paid.",
        ...(note ? ["", `The shop's note: ${note}`] : []),
      ]),
    };
  }
  return {
    subject: `${context.shopName}: your creator program application`,
    text: [
      `Hi ${context.creatorName},`,
      "",
      `Thank you for applying to ${context.shopName}'s creator program. The shop decided not to go ahead with your application.`,
      ...(note ? ["", `The shop's note: ${note}`] : []),
      "",
      `— ${context.shopName}`,
    ].join("\n"),
  };
}

export function disputeAnsweredEmail(context: EmailContext, payout: PayoutFacts): CreatorEmail {
  return {
    subject: `${context.shopName} answered your question about a payout`,
    text: signOff(context, [
      `The shop answered your note on an item of your ${payoutName(payout)} of ${payout.amount}. Read the answer in the portal.`,
    ]),
  };
}

export function payoutMethodConfirmationEmail(
  context: EmailContext,
  change: { summary: string; link: string; expiresAt: Date },
): CreatorEmail {
  return {
    subject: `${context.shopName}: confirm your new payout method`,
    text: [
      `Hi ${context.creatorName},`,
      "",
      `You asked to be paid by ${context.shopName} with a new payout method: ${change.summary}.`,
      "Confirm the change by opening this link (it works once):",
      change.link,
      "",
      `The link expires at ${formatShopDateTime(change.expiresAt, context.timeZone ?? "UTC")} (${context.timeZone ?? "UTC"} time). Until you confirm, nothing changes.`,
      "Once confirmed, new payouts wait 24 hours, in case the change was not yours.",
      "If you did not ask for this, ignore this email and tell the shop.",
      "",
      `— ${context.shopName}`,
    ].join("\n"),
  };
}
