// Home's alerts from the counts that need the merchant's attention. Pure, so the wording (and its
// agreement with each count) is tested without a database.
import { countOf, pluralForm } from "../domain/plural";

export interface HomeAlert {
  id: "payout_details_missing" | "failed_payouts" | "reversed_payouts" | "requests_waiting" | "payouts_on_hold";
  tone: "critical" | "warning" | "info";
  title: string;
  body: string;
  url: string;
}

export interface HomeAlertCounts {
  /** Creators owed money without complete payout details. */
  creatorsMissingDetails: number;
  failedPayouts: number;
  /** Stripe transfers reversed in the last 30 days. */
  reversedPayouts: number;
  waitingRequests: number;
  /** Open payouts the payout-hold door holds (app/domain/payout-holds.ts), and the first one's reason. */
  heldPayouts?: number;
  heldReason?: string;
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
  const held = counts.heldPayouts ?? 0;
  if (held > 0) {
    alerts.push({
      id: "payouts_on_hold",
      tone: "warning",
      title: `${countOf(held, "payout is", "payouts are")} on hold`,
      body: `${counts.heldReason ?? ""} ${pluralForm(held, "It is", "They are")} not paid on any rail until the reason is resolved (the creator's page says which form is missing).`.trim(),
      url: "/app/payouts?status=ready",
    });
  }
  return alerts;
}
