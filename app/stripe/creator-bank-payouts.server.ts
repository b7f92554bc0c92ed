// Payouts from a creator's connected account to their bank (connected-account `payout.paid` /
// `payout.failed` events): recorded for the creator page and the portal.
import { db } from "../db.server";
import { MAX_AMOUNT_MINOR } from "../domain/amount-limits";

export interface StripeBankPayoutObject {
  id: string;
  amount: number;
  currency: string;
  status: string;
  failure_code?: string | null;
  failure_message?: string | null;
  arrival_date?: number | null;
}

export async function recordCreatorBankPayout(
  shopId: string,
  accountId: string,
  payout: StripeBankPayoutObject,
): Promise<{ status: "processed" | "rejected"; reason: string | null }> {
  const creator = await db().creator.findFirst({ where: { shopId, stripeAccountId: accountId }, select: { id: true } });
  if (!creator) return { status: "rejected", reason: `no creator of this shop has the Stripe account ${accountId}` };
  // The cap is the same count of minor units in every currency (app/domain/amount-limits.ts).
  if (!Number.isSafeInteger(payout.amount) || Math.abs(payout.amount) > MAX_AMOUNT_MINOR) {
    return {
      status: "rejected",
      reason: `payout ${payout.id} amount ${payout.amount} is over the maximum of ${MAX_AMOUNT_MINOR} minor units`,
    };
  }
  const data = {
    amountMinor: BigInt(payout.amount),
    currency: payout.currency.toUpperCase(),
    status: payout.status,
    failureCode: payout.failure_code ?? null,
    failureMessage: payout.failure_message ?? null,
    arrivalDate: payout.arrival_date ? new Date(payout.arrival_date * 1000) : null,
  };
  await db().creatorBankPayout.upsert({
    where: { stripeAccountId_stripePayoutId: { stripeAccountId: accountId, stripePayoutId: payout.id } },
    create: { shopId, creatorId: creator.id, stripeAccountId: accountId, stripePayoutId: payout.id, ...data },
    update: data,
  });
  return { status: "processed", reason: null };
}

export interface CreatorBankPayoutView {
  id: string;
  amountMinor: number;
  currency: string;
  status: string;
  failureMessage: string | null;
  arrivalDate: string | null;
}

/** A creator's bank payouts, newest first (creator page; exposed for the portal). */
export async function listCreatorBankPayouts(shopId: string, creatorId: string, take = 20): Promise<CreatorBankPayoutView[]> {
  const rows = await db().creatorBankPayout.findMany({ where: { shopId, creatorId }, orderBy: { createdAt: "desc" }, take });
  return rows.map((row) => ({
    id: row.id,
    amountMinor: Number(row.amountMinor),
    currency: row.currency,
    status: row.status,
    failureMessage: row.failureMessage,
    arrivalDate: row.arrivalDate ? row.arrivalDate.toISOString().slice(0, 10) : null,
  }));
}
