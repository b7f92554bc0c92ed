// Home's alerts from the counts that need the merchant's attention. Pure, so the wording (and its
// agreement with each count) is tested without a database.
import { countOf, pluralForm } from "../domain/plural";

export interface HomeAlert {
  id: "payout_details_missing" | "failed_payouts" | "reversed_payouts" | "requests_waiting" | "payouts_on_hold" | "needs_review";
  tone: "critical" | "warning" | "info";
  title: string;
  body: string;
  url: string;
  /** Where each part of the alert is reviewed, when it has more than one (the first is the main action). */
  links?: { content: string; url: string }[];
}

export interface HomeAlertCounts {
  /** Creators owed money without complete payout details. */
  creatorsMissingDetails: number;
  failedPayouts: number;
  /** Stripe transfers reversed in the last 30 days. */
  reversedPayouts: number;
  waitingRequests: number;
  /** Open payouts the payout-hold door holds (app/domain/payout-holds.ts)… */
  heldPayouts?: number;
  /** …counted per reason ("1 waiting for a W-9, 2 awaiting a second approval": countPayoutHolds)… */
  heldByReason?: string;
  /** …and the reason's code when they all share one (the link then filters the list to it). */
  onlyHoldCode?: string | null;
  /** Commissions a risk rule flagged that wait for the merchant's review (the Risk screen). */
  riskReviewsWaiting?: number;
  /** Open payouts waiting for a second staff member's approval. */
  awaitingSecondApproval?: number;
}

/** Each alert's title states its count in a sentence that agrees with it ("1 payout failed", "3 payouts failed"). */
export function homeAlerts(counts: HomeAlertCounts): HomeAlert[] {
  const alerts: HomeAlert[] = [];
  const { creatorsMissingDetails: missing, failedPayouts: failed, reversedPayouts: reversed, waitingRequests: waiting } = counts;
  if (missing > 0) {
    alerts.push({
      id: "payout_details_missing",
      tone: "warning",
      title: `${countOf(missing, "creator is", "creators are")} missing payout details`,
      body: "Money is owed to them, but their payout details are not complete.",
      url: "/app/creators?details=missing",
    });
  }
  if (failed > 0) {
    alerts.push({
      id: "failed_payouts",
      tone: "critical",
      title: `${countOf(failed, "payout", "payouts")} failed`,
      body: `${pluralForm(failed, "It needs", "They need")} a retry with Stripe, an offline payment instead, or a cancel.`,
      url: "/app/payouts?status=failed",
    });
  }
  if (reversed > 0) {
    alerts.push({
      id: "reversed_payouts",
      tone: "critical",
      title: `${countOf(reversed, "Stripe transfer was", "Stripe transfers were")} reversed`,
      body: `In the last 30 days. That money is payable to the ${pluralForm(reversed, "creator", "creators")} again.`,
      url: "/app/payouts?status=reversed",
    });
  }
  if (waiting > 0) {
    alerts.push({
      id: "requests_waiting",
      tone: "info",
      title: `${countOf(waiting, "payout request waits", "payout requests wait")} for a decision`,
      body: `Approve ${pluralForm(waiting, "it", "them")} to create the payout, or reject with a note to the creator.`,
      url: "/app/payouts/requests",
    });
  }
  const risk = counts.riskReviewsWaiting ?? 0;
  const approvals = counts.awaitingSecondApproval ?? 0;
  if (risk + approvals > 0) {
    const parts = [
      risk > 0 && `${countOf(risk, "commission flagged by a risk rule waits", "commissions flagged by risk rules wait")} for your decision`,
      approvals > 0 && `${countOf(approvals, "payout awaits", "payouts await")} a second staff member's approval`,
    ].filter(Boolean);
    const links = [
      ...(risk > 0 ? [{ content: "Review risk flags", url: "/app/risk" }] : []),
      ...(approvals > 0 ? [{ content: "Review payouts to approve", url: "/app/payouts?hold=awaits_second_approval" }] : []),
    ];
    alerts.push({
      id: "needs_review",
      tone: "warning",
      title: `${countOf(risk + approvals, "item needs", "items need")} review`,
      body: `${parts.join("; ")}.`.replace(/^./, (first) => first.toUpperCase()),
      url: links[0].url,
      links,
    });
  }
  const held = counts.heldPayouts ?? 0;
  if (held > 0) {
    alerts.push({
      id: "payouts_on_hold",
      tone: "warning",
      title: `${countOf(held, "payout is", "payouts are")} on hold`,
      body: `${counts.heldByReason ? `${counts.heldByReason}. ` : ""}${pluralForm(held, "It is", "They are")} not paid on any rail until the reason is resolved; each payout's page says why.`,
      url: counts.onlyHoldCode ? `/app/payouts?hold=${counts.onlyHoldCode}` : "/app/payouts?status=ready",
    });
  }
  return alerts;
}
