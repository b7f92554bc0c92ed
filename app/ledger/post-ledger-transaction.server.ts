import type { DbTransaction } from "../db.server";
import { postLedgerTransactions, type LedgerPosting, type PostedLedgerTransaction } from "./post-ledger-transactions.server";

export type { LedgerPosting, PostedLedgerTransaction } from "./post-ledger-transactions.server";
/** @deprecated name kept for callers: a posting is a `LedgerPosting`. */
export type PostLedgerTransactionInput = LedgerPosting;

/** One ledger transaction: the batch of one of postLedgerTransactions (the only way money moves). */
export async function postLedgerTransaction(tx: DbTransaction, posting: LedgerPosting): Promise<PostedLedgerTransaction> {
  const [posted] = await postLedgerTransactions(tx, [posting]);
  return posted;
}
