// Shared by the deal tests: a creator, balances read back from the ledger, the audit trail of a
// subject, and "refused without writing anything" checked over every table a change may touch.
import { expect } from "vitest";
import { db } from "~/db.server";
import { readCreatorBalances } from "~/ledger/read-balances.server";

// The deal tests' creators and actor come from the shared factories.
export { createCreator, MIA } from "./factories";

export async function balancesOf(shopId: string, creatorId: string, currency = "USD") {
  const row = (await readCreatorBalances(shopId, [creatorId])).find((b) => b.currency === currency);
  return { held: row?.held ?? 0, gated: row?.gated ?? 0, payable: row?.payable ?? 0, inPayout: row?.inPayout ?? 0 };
}

export async function auditActions(shopId: string, subjectId: string) {
  const events = await db().auditEvent.findMany({ where: { shopId, subjectId }, orderBy: { occurredAt: "asc" } });
  return events.map((e) => e.action);
}

/** Every row a deal or payout change may write, counted per table for one shop. */
export async function rowCounts(shopId: string) {
  const where = { where: { shopId } };
  const counts = await Promise.all([
    db().deal.count(where),
    db().dealComment.count(where),
    db().fixedFee.count(where),
    db().deliverable.count(where),
    db().deliverableSubmission.count(where),
    db().deliverableDecision.count(where),
    db().adjustment.count(where),
    db().payableItem.count(where),
    db().payoutRequest.count(where),
    db().payout.count(where),
    db().payoutItem.count(where),
    db().ledgerTransaction.count(where),
    db().auditEvent.count(where),
  ]);
  const names = [
    "deals",
    "comments",
    "fees",
    "deliverables",
    "submissions",
    "decisions",
    "adjustments",
    "items",
    "requests",
    "payouts",
    "payoutItems",
    "transactions",
    "auditEvents",
  ];
  return Object.fromEntries(names.map((name, i) => [name, counts[i]]));
}

/** Runs `change`, expects it to be refused, and checks that nothing at all was written. */
export async function expectRefusedWithoutWrites(shopId: string, change: () => Promise<unknown>, expected: Record<string, unknown>) {
  const before = await rowCounts(shopId);
  await expect(change()).rejects.toMatchObject(expected);
  expect(await rowCounts(shopId)).toEqual(before);
}
