// How a new payout meets the creator's open payout requests in its currency (DOMAIN §3:
// `requested → approved`, a payout is created). One rule for runs, manual payouts and "Pay all
// due": the payout satisfies the open requests it covers, oldest first, and it may only be made
// if every request it does not cover still fits in what stays payable, so no request is left
// asking for money that is no longer there (ISSUE13 item 2). Pure: the callers read and write.

export interface OpenRequest {
  id: string;
  amountMinor: number;
  createdAt: Date;
}

export type RequestMatch =
  /** The payout may be made; it satisfies these requests (oldest first). */
  | { ok: true; satisfied: OpenRequest[] }
  /** The payout would strand `uncoveredMinor` of open requests with only `leftMinor` payable after it. */
  | { ok: false; uncoveredMinor: number; leftMinor: number };

const oldestFirst = (a: OpenRequest, b: OpenRequest) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `payoutMinor` is what the payout takes, `payableMinor` the creator's payable balance before it.
 * Requests are covered oldest first while their running total fits in the payout; the first one
 * that does not fit ends the cover (a later, smaller request does not jump the queue).
 */
export function matchOpenRequests(input: { payoutMinor: number; payableMinor: number; requests: readonly OpenRequest[] }): RequestMatch {
  const { payoutMinor, payableMinor } = input;
  const requests = [...input.requests].sort(oldestFirst);
  const satisfied: OpenRequest[] = [];
  let coveredMinor = 0;
  for (const request of requests) {
    if (coveredMinor + request.amountMinor > payoutMinor) break;
    coveredMinor += request.amountMinor;
    satisfied.push(request);
  }
  const uncoveredMinor = requests.slice(satisfied.length).reduce((sum, request) => sum + request.amountMinor, 0);
  const leftMinor = payableMinor - payoutMinor;
  if (uncoveredMinor > 0 && uncoveredMinor > leftMinor) return { ok: false, uncoveredMinor, leftMinor };
  return { ok: true, satisfied };
}
