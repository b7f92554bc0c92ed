import type { Actor } from "../audit/actor";

// What a run stores in PayoutRun.summary (JSON). The plan (`groups`, `excluded`, `minimums`) is
// fixed when the run starts, so a retried job works from the same list. What happened to each
// group is not kept here (a growing list rewritten every batch): the run's progress is
// "doneCreators" (where a retry resumes), its payouts are the Payout rows with its runId, and the
// groups it skipped are "PayoutRunSkip" rows.

/** One creator's balance in one currency: the unit a run pays (one payout each). */
export interface RunGroup {
  creatorId: string;
  creatorName: string;
  currency: string;
  /** As previewed when the run started. */
  amountMinor: number;
  /** The items that payout would take, as previewed: bounds a batch's items (absent in runs started before it was kept). */
  itemCount?: number;
}

export interface ExcludedGroup extends RunGroup {
  code: ExclusionCode;
  reason: string;
}

export type ExclusionCode =
  | "creator_archived"
  | "no_payout_details"
  | "payouts_held"
  | "nothing_payable"
  | "no_minimum"
  | "below_minimum"
  | "over_maximum"
  | "open_request";

export type RunOutcome =
  | { creatorId: string; currency: string; outcome: "created"; payoutId: string; amountMinor: number; invoiceLabel: string | null }
  | { creatorId: string; currency: string; outcome: "skipped"; code: string; reason: string };

export interface RunSummary {
  actor: Actor;
  from: string;
  to: string;
  /** Minimum per currency applied when honouring it (null: none applies). */
  minimums: Record<string, number | null>;
  groups: RunGroup[];
  excluded: ExcludedGroup[];
  /** "Pay all due": once the run completes, each ready payout is paid on its creator's rail (pay-run-on-rails.server.ts). */
  payWithStripe?: boolean;
  /** "Pay all due", once paid: per rail, how many payouts went on it (offline: left ready) and why others did not. */
  rails?: Record<string, { sent: number; errors: string[] }>;
  /** Why the run failed, when it did. */
  error?: string;
}

export function readRunSummary(json: unknown): RunSummary {
  const summary = (json ?? {}) as Partial<RunSummary>;
  return {
    actor: summary.actor ?? { type: "system" },
    from: summary.from ?? "",
    to: summary.to ?? "",
    minimums: summary.minimums ?? {},
    groups: summary.groups ?? [],
    excluded: summary.excluded ?? [],
    ...(summary.payWithStripe ? { payWithStripe: true } : {}),
    ...(summary.rails ? { rails: summary.rails } : {}),
    ...(summary.error ? { error: summary.error } : {}),
  };
}
