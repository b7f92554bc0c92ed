// The one way to open a database transaction: a preset named for why the work may wait or run
// long, so the limits live here and not at each call site. (Prisma's interactive transactions:
// maxWait is how long to wait for a connection, timeout how long the work may take.)
import { Prisma } from "@prisma/client";
import { db, type DbTransaction } from "../db.server";

export const TRANSACTION_PRESETS = {
  /** Prisma's defaults (2 s to start, 5 s to finish): short work that waits on no busy lock. */
  short: {},
  /** Staff actions contending on row locks: two staff deciding the same request, the loser waits on a lock, not on a bug. */
  interactive: { timeout: 20_000, maxWait: 15_000 },
  /** A Shopify order's deliveries, refunds and hold release queue behind the order's lock. */
  orderDelivery: { timeout: 30_000, maxWait: 10_000 },
  /** Payout work queues behind the creator's balance lock and the shop's invoice counter. */
  creatorBalance: { maxWait: 20_000, timeout: 30_000 },
  /** Payout runs (starting, scheduling, one group of a run): many rows, behind other runs' locks. */
  longRunning: { maxWait: 20_000, timeout: 60_000 },
  /** A page read as one snapshot, so its balances, history and lists agree. */
  snapshot: { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 20_000, maxWait: 10_000 },
  /** A creator import: a whole file (up to 20,000 rows) applied at once, complete or not at all. */
  import: { maxWait: 20_000, timeout: 180_000 },
  /** Seeding the demo shop: thousands of rows in one go. */
  seeding: { timeout: 120_000, maxWait: 10_000 },
} as const satisfies Record<string, { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel }>;

export type TransactionPreset = keyof typeof TRANSACTION_PRESETS;

/** Runs `work` in a new transaction with the preset's limits; it commits when `work` resolves. */
export function withTransaction<T>(preset: TransactionPreset, work: (tx: DbTransaction) => Promise<T>): Promise<T> {
  return db().$transaction(work, TRANSACTION_PRESETS[preset]);
}
