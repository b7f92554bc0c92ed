// What the app tells a creator by email, in the creator's language (English or French, like the
// portal), as a plain-text part and an HTML part of the same blocks (app/email/email-body.ts).
// Pure, no I/O. Emails never carry account details (no IBAN, PayPal address or Stripe data): they
// say what happened and link to the portal, where the creator is logged in. The "paid" email says
// how the shop paid (method and the payment's reference) so the creator can find it.
import { renderEmailBody, type EmailBlock } from "../email/email-body";
import { formatShopDateTime, formatShopDateInLanguage } from "../domain/calendar";
import { formatMoney, type DisplayMoney } from "../domain/money";
import type { PayoutStatus } from "../domain/status/payout-status";
import { creatorEmailStrings, intlLocaleOf, type CreatorLocale, type CreatorEmailStrings } from "./creator-email-strings";

export { creatorLocale, type CreatorLocale } from "./creator-email-strings";

/** The creator portal behind the app proxy (shopify.app.toml [app_proxy], PORTAL_PROXY_PATH). */
export const PORTAL_PAGE_PATH = "/apps/creator-payouts/portal";

export function creatorPortalUrl(shopDomain: string): string {
  return `https://${shopDomain}${PORTAL_PAGE_PATH}`;
}

export interface CreatorEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContext {
  shopName: string;
  shopDomain: string;
  creatorName: string;
  /** The shop's time zone: dates in emails are the shop's dates (UTC when not given). */
  timeZone?: string;
  /** The creator's language (English when not given). */
  locale?: CreatorLocale;
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

interface Writer {
  t: CreatorEmailStrings;
  money: (amount: DisplayMoney) => string;
  zone: string;
  /** Subject and blocks → the email, greeting and signature added. */
  email: (subject: string, blocks: EmailBlock[], options?: { portalLink?: boolean }) => CreatorEmail;
}

function writer(context: EmailContext): Writer {
  const locale = context.locale ?? "en";
  const t = creatorEmailStrings(locale);
  return {
    t,
    money: (amount) => formatMoney(amount, intlLocaleOf(locale)),
    zone: context.timeZone ?? "UTC",
    email: (subject, blocks, options = {}) => {
      const portal: EmailBlock[] =
        options.portalLink === false
          ? []
          : [
              { kind: "link", label: t.openPortal, href: creatorPortalUrl(context.shopDomain) },
              { kind: "paragraph", text: t.portalNotFound },
            ];
      const { text, html } = renderEmailBody({
        lang: locale,
        greeting: t.hi(context.creatorName),
        blocks: [...blocks, ...portal],
        signature: context.shopName,
      });
      return { subject, text, html };
    },
  };
}

const paragraph = (text: string): EmailBlock => ({ kind: "paragraph", text });

export interface PayoutFacts {
  amount: DisplayMoney;
  invoiceLabel: string | null;
}

/** How a paid payout was paid, for the "paid" email. */
export interface PaymentFacts {
  /** The day the shop says it paid (YYYY-MM-DD), else the instant it was marked paid. */
  paidOn: string | null;
  paidAt: Date | null;
  /** "Stripe transfer", or the offline method the merchant typed ("Bank transfer", "PayPal"). */
  method: string | null;
  reference: string | null;
  /** The merchant's note to the creator. */
  note: string | null;
  /** A gift card payout's code as the email carries it (a placeholder filled in at delivery). */
  giftCardCode?: string | null;
  /** Paid in store credit: what Shopify credited (the payout plus the shop's bonus) and the bonus. */
  storeCredit?: { credited: DisplayMoney; bonus: DisplayMoney } | null;
}

export function payoutStatusEmail(
  context: EmailContext,
  status: NotifiedPayoutStatus,
  payout: PayoutFacts,
  payment: PaymentFacts | null = null,
): CreatorEmail {
  const { t, money, zone, email } = writer(context);
  const amount = money(payout.amount);
  const name = t.payoutName(payout.invoiceLabel);
  switch (status) {
    case "pending_review":
      return email(t.reviewSubject(context.shopName, amount), [paragraph(t.reviewText(name, amount)), paragraph(t.reviewHow)]);
    case "ready":
      return email(t.scheduledSubject(context.shopName, amount), [paragraph(t.scheduledText(name, amount))]);
    case "paid": {
      const locale = context.locale ?? "en";
      const day = payment?.paidOn ?? (payment?.paidAt ? payment.paidAt : null);
      const rows: [string, string][] = [[t.amount, amount]];
      if (day) rows.push([t.paidOn, formatShopDateInLanguage(day, zone, intlLocaleOf(locale))]);
      if (payment?.method) rows.push([t.method, payment.method]);
      if (payment?.reference) rows.push([t.reference, payment.reference]);
      if (payment?.giftCardCode) rows.push([t.giftCardCode, payment.giftCardCode]);
      if (payout.invoiceLabel) rows.push([t.invoice, payout.invoiceLabel]);
      const credit = payment?.storeCredit ?? null;
      if (credit) {
        rows.push([t.storeCredited, money(credit.credited)]);
        if (credit.bonus.amountMinor > 0) rows.push([t.storeCreditBonus, money(credit.bonus)]);
      }
      return email(t.paidSubject(context.shopName, amount), [
        paragraph(t.paidText(name, amount)),
        ...(credit ? [paragraph(t.storeCreditText(money(credit.credited), context.shopName)), paragraph(t.storeCreditSpend)] : []),
        { kind: "facts", rows },
        ...(payment?.note ? [{ kind: "quote", label: t.shopNote, text: payment.note } as const] : []),
      ]);
    }
    case "failed":
      return email(t.delayedSubject(context.shopName, amount), [paragraph(t.delayedText(name, amount)), paragraph(t.delayedHow)]);
  }
}

export function withdrawalApprovedEmail(
  context: EmailContext,
  request: { amount: DisplayMoney },
  payout: PayoutFacts & { status: string },
): CreatorEmail {
  const { t, money, email } = writer(context);
  const amount = money(request.amount);
  return email(t.withdrawalApprovedSubject(context.shopName, amount), [
    paragraph(t.withdrawalApprovedText(amount, t.payoutName(payout.invoiceLabel))),
    paragraph(
      payout.status === "pending_review"
        ? t.withdrawalApprovedReview
        : payout.status === "draft"
          ? t.withdrawalApprovedDraft
          : t.withdrawalApprovedScheduled,
    ),
  ]);
}

export function withdrawalRejectedEmail(context: EmailContext, request: { amount: DisplayMoney; note: string }): CreatorEmail {
  const { t, money, email } = writer(context);
  const amount = money(request.amount);
  return email(t.withdrawalRejectedSubject(context.shopName, amount), [
    paragraph(t.withdrawalRejectedText(amount)),
    { kind: "quote", label: t.shopNote, text: request.note },
    paragraph(t.withdrawalRejectedNext),
  ]);
}

/** A commission rejected after risk review: the shop's reason, never the rule that flagged it. */
export function commissionRejectedEmail(
  context: EmailContext,
  commission: { orderName: string; amount: DisplayMoney; reason: string },
): CreatorEmail {
  const { t, money, email } = writer(context);
  return email(t.commissionRejectedSubject(context.shopName), [
    paragraph(t.commissionRejectedText(commission.orderName, money(commission.amount))),
    { kind: "quote", label: t.shopNote, text: commission.reason },
  ]);
}

export function applicationDecisionEmail(context: EmailContext, decision: "approve" | "decline", note: string | null): CreatorEmail {
  const { t, email } = writer(context);
  const noteBlock: EmailBlock[] = note ? [{ kind: "quote", label: t.shopNote, text: note }] : [];
  if (decision === "approve") {
    return email(t.welcomeSubject(context.shopName), [paragraph(t.welcomeText(context.shopName)), paragraph(t.welcomeNext), ...noteBlock]);
  }
  return email(t.declinedSubject(context.shopName), [paragraph(t.declinedText(context.shopName)), ...noteBlock], { portalLink: false });
}

export function disputeAnsweredEmail(context: EmailContext, payout: PayoutFacts): CreatorEmail {
  const { t, money, email } = writer(context);
  return email(t.disputeAnsweredSubject(context.shopName), [
    paragraph(t.disputeAnsweredText(t.payoutName(payout.invoiceLabel), money(payout.amount))),
  ]);
}

export function payoutMethodConfirmationEmail(
  context: EmailContext,
  change: { summary: string; link: string; expiresAt: Date },
): CreatorEmail {
  const { t, zone, email } = writer(context);
  return email(
    t.methodSubject(context.shopName),
    [
      paragraph(t.methodText(context.shopName, change.summary)),
      { kind: "link", label: t.methodConfirm, href: change.link },
      paragraph(t.methodExpires(formatShopDateTime(change.expiresAt, zone), zone)),
      paragraph(t.methodHold),
    ],
    { portalLink: false },
  );
}

/** The commission terms the creator earns by, for the invitation (the plan that applies). */
export type CommissionTerms =
  | { kind: "percentage"; rateBasisPoints: number; holdPeriodDays: number; newCustomersOnly: boolean }
  | { kind: "flat"; amount: DisplayMoney; holdPeriodDays: number; newCustomersOnly: boolean }
  | { kind: "none" };

/** "10%", "12.5%", "12,5 %": a rate in basis points, exact (no float). */
function percentText(rateBasisPoints: number, locale: CreatorLocale): string {
  const whole = Math.trunc(rateBasisPoints / 100);
  const fraction = String(rateBasisPoints % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  const number = fraction ? `${whole}${locale === "fr" ? "," : "."}${fraction}` : String(whole);
  return locale === "fr" ? `${number} %` : `${number}%`;
}

export function invitationEmail(
  context: EmailContext,
  invitation: { email: string; link: string; expiresOn: string; terms: CommissionTerms },
): CreatorEmail {
  const { t, money, email } = writer(context);
  const locale = context.locale ?? "en";
  const { terms } = invitation;
  const termsText =
    terms.kind === "percentage"
      ? t.termsPercentage(percentText(terms.rateBasisPoints, locale), terms.holdPeriodDays)
      : terms.kind === "flat"
        ? t.termsFlat(money(terms.amount), terms.holdPeriodDays)
        : t.termsNone;
  return email(
    t.invitationSubject(context.shopName),
    [
      paragraph(t.invitationText(context.shopName)),
      paragraph(terms.kind !== "none" && terms.newCustomersOnly ? `${termsText} ${t.termsNewCustomersOnly}` : termsText),
      { kind: "link", label: t.invitationAccept(invitation.email), href: invitation.link },
      paragraph(t.invitationExpires(invitation.expiresOn)),
    ],
    { portalLink: false },
  );
}
