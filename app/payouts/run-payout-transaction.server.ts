import type { DbTransaction } from "../db.server";
import { withTransaction } from "../db/transaction.server";

// Payout work queues behind the creator's balance lock and the shop's invoice counter, so under a
// burst a transaction may wait well beyond Prisma's 2-second default for a connection: the
// creatorBalance preset.

/** Runs `work` in the caller's transaction when given one, else in a new one. */
export function runPayoutTransaction<T>(work: (tx: DbTransaction) => Promise<T>, tx?: DbTransaction): Promise<T> {
  return tx ? work(tx) : withTransaction("creatorBalance", work);
}
