// "Pay all due" on the Payouts screen (ISSUE13 item 3): a payout run over all time and all
// creators, honouring the minimums and the payout-details and hold rules a run applies. What is
// due is exactly what that run's preview would pay; the action starts that run (with a key from
// the form, so a double submit starts it once), works small ones at once and leaves large ones
// to the background job, and pays the Stripe creators' payouts with Stripe when it completes.
import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { Db, DbTransaction } from "../db.server";
import { db } from "../db.server";
import { todayInTimeZone } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { withTransaction } from "../db/transaction.server";
import { invalidInput } from "../forms/field-errors";
import { now } from "../lib/clock.server";
import { logger } from "../lib/logger.server";
import { decideRunRows, previewResolvedRun, type PreviewRow, type RunCandidate } from "./preview-payout-run.server";
import { readBalances } from "../ledger/read-balances.server";
import { processPayoutRun } from "./process-payout-run.server";
import { resolveRunRequest } from "./resolve-run-request.server";
import { createPayoutRun } from "./start-payout-run.server";
import type { DisplayMinor } from "../domain/money";
import { addDisplayMinor } from "../ledger/to-minor-number";

/** Before any shop existed: "all time" as a run's range. */
const ALL_TIME_FROM = "2000-01-01";
/** Up to this many payouts are created during the request; more are left to the background job. */
export const PAY_ALL_INLINE_LIMIT = 200;

export interface DueTotal {
  currency: string;
  /** Everything payable in the currency, due or not. */
  payableMinor: DisplayMinor;
  /** What "Pay all due" pays now: balances at or above the minimum of creators it may pay. */
  dueMinor: DisplayMinor;
  dueCount: number;
}

async function resolveAllDue(client: Db | DbTransaction, shopId: string) {
  const shop = await client.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  return resolveRunRequest(client, shopId, { from: ALL_TIME_FROM, to: todayInTimeZone(now(), shop.timezone), honourMinimum: true });
}

/**
 * Per currency: payable in total, and what is due — what the all-time run's preview would pay,
 * decided by the same rules (decideRunRows), but read from the ledger's kept payable balances
 * instead of every payable item: the Payouts list shows it on each load, and a shop's items
 * grow without bound while its creators with a positive balance stay few. The two agree while
 * the items agree with the ledger (a run skips a creator whose books drift) and no item becomes
 * payable after today; "Pay all due" itself recomputes the preview from the items. Writes nothing.
 */
export async function readDueTotals(shopId: string): Promise<DueTotal[]> {
  const client = db();
  const run = await resolveAllDue(client, shopId);
  const owed = await readBalances({ shopId, accounts: ["payable"], positiveOnly: true }, client);
  if (owed.length === 0) return [];
  const creators = await client.creator.findMany({
    where: { shopId, id: { in: [...new Set(owed.map((row) => row.creatorId!))] } },
    select: {
      id: true,
      name: true,
      status: true,
      payoutMethod: true,
      payoutDetailsStatus: true,
      payoutsHeldUntil: true,
      preferredRail: true,
      stripeAccountId: true,
    },
  });
  const byId = new Map(creators.map((creator) => [creator.id, creator]));
  const candidates = owed.flatMap((row): RunCandidate[] => {
    const creator = byId.get(row.creatorId!);
    if (!creator) return [];
    return [
      {
        creatorId: creator.id,
        currency: row.currency,
        creatorName: creator.name,
        creatorStatus: creator.status,
        payoutMethod: creator.payoutMethod,
        payoutDetailsStatus: creator.payoutDetailsStatus,
        payoutsHeldUntil: creator.payoutsHeldUntil,
        preferredRail: creator.preferredRail,
        stripeAccountId: creator.stripeAccountId,
        // All time, up to today: the payout takes the whole payable balance.
        amountMinor: row.balanceMinor,
        payableMinor: row.balanceMinor,
        // A positive balance has at least one available positive item (while the books agree).
        itemCount: 1n,
        earlierItemCount: 0n,
        newAvailableItems: 1n,
      },
    ];
  });
  return dueTotalsOf((await decideRunRows(client, run, candidates)).rows);
}

/** Per currency, from preview rows: payable (positive balances) and due (rows a run pays). */
export function dueTotalsOf(rows: readonly Pick<PreviewRow, "currency" | "amountMinor" | "excluded">[]): DueTotal[] {
  const totals = new Map<string, DueTotal>();
  for (const row of rows) {
    if (row.amountMinor <= 0) continue; // nothing payable, never due: no line of its own
    const total: DueTotal = totals.get(row.currency) ?? { currency: row.currency, payableMinor: 0, dueMinor: 0, dueCount: 0 };
    // Sums for display: exact past 2^53 (a ledger written before the amount cap).
    total.payableMinor = addDisplayMinor(total.payableMinor, row.amountMinor);
    if (!row.excluded) {
      total.dueMinor = addDisplayMinor(total.dueMinor, row.amountMinor);
      total.dueCount += 1;
    }
    totals.set(row.currency, total);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The same totals from the all-time run's full preview over every payable item (what "Pay all due" starts from). */
export async function recomputeDueTotals(shopId: string): Promise<DueTotal[]> {
  const client = db();
  return dueTotalsOf((await previewResolvedRun(client, await resolveAllDue(client, shopId))).rows);
}

/**
 * Starts (or, for a key already used, finds) the all-time run and returns it. Refuses when nothing
 * is due, writing nothing.
 */
export async function payAllDue(shopId: string, requestKey: string, actor: Actor): Promise<{ runId: string }> {
  const key = requestKey.trim();
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw invalidInput({ requestKey: "This form is out of date. Reload the Payouts page and try again." });
  }
  const existing = () => db().payoutRun.findUnique({ where: { shopId_requestKey: { shopId, requestKey: key } }, select: { id: true } });
  const earlier = await existing();
  if (earlier) return { runId: earlier.id };

  let started: { runId: string; groups: number };
  try {
    started = await withTransaction("longRunning", async (tx) => {
      const run = await resolveAllDue(tx, shopId);
      const preview = await previewResolvedRun(tx, run);
      const groups = preview.rows.filter((row) => !row.excluded).length;
      if (groups === 0) {
        throw new DomainError("nothing_due", "Nothing is due now: no creator has a payable balance at or above the minimum.");
      }
      return { runId: await createPayoutRun(tx, run, actor, { requestKey: key, payWithStripe: true }), groups };
    });
  } catch (error) {
    // The same form submitted twice at once: the other submit started the run.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const other = await existing();
      if (other) return { runId: other.id };
    }
    throw error;
  }
  if (started.groups <= PAY_ALL_INLINE_LIMIT) {
    // The queued job finishes whatever this does not (it resumes where a run stopped).
    await processPayoutRun(started.runId).catch((error: unknown) =>
      logger().warn({ runId: started.runId, error: String(error) }, "pay all due: left to the background job"),
    );
  }
  return { runId: started.runId };
}
