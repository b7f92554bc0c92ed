/**
 * Interactive transactions of app/deals. Generous maxWait: under contention (two staff deciding
 * the same request) the loser waits on a row lock, not on a bug.
 */
export const DEALS_TRANSACTION_OPTIONS = { timeout: 20_000, maxWait: 15_000 } as const;
