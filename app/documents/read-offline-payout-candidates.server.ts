import { db } from "../db.server";
import { openPayoutDetails } from "../creators/payout-details.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import type { OfflinePayoutCandidate } from "./offline-payout-candidate";

/**
 * Payouts a bank or PayPal file could pay, with the creator's payout details opened: the
 * selected ones (any status, so the file can say why one is left out), or every ready payout of
 * the shop when none is selected. Ids of other shops' payouts are simply not found.
 */
export async function readOfflinePayoutCandidates(
  shopId: string,
  payoutIds: readonly string[],
): Promise<{ candidates: OfflinePayoutCandidate[]; unknownIds: string[] }> {
  const payouts = await db().payout.findMany({
    where: payoutIds.length > 0 ? { shopId, id: { in: [...payoutIds] } } : { shopId, status: "ready" },
    orderBy: [{ invoiceNumber: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      invoiceLabel: true,
      status: true,
      currency: true,
      items: { where: { state: "active" }, select: { amountMinor: true } },
      creator: {
        select: {
          id: true,
          shopId: true,
          name: true,
          email: true,
          payoutMethod: true,
          payoutsHeldUntil: true,
          payoutDetailsCiphertext: true,
        },
      },
    },
  });
  const found = new Set(payouts.map((payout) => payout.id));
  const candidates = payouts.map((payout): OfflinePayoutCandidate => {
    const { creator } = payout;
    return {
      payoutId: payout.id,
      invoiceLabel: payout.invoiceLabel,
      status: payout.status,
      currency: payout.currency,
      amountMinor: toMinorNumber(payout.items.reduce((sum, item) => sum + item.amountMinor, 0n)),
      creator: {
        id: creator.id,
        name: creator.name,
        email: creator.email,
        payoutMethod: creator.payoutMethod,
        payoutsHeldUntil: creator.payoutsHeldUntil,
      },
      details: readDetails(creator),
    };
  });
  return { candidates, unknownIds: [...new Set(payoutIds)].filter((id) => !found.has(id)) };
}

function readDetails(creator: { id: string; shopId: string; payoutDetailsCiphertext: string | null }): OfflinePayoutCandidate["details"] {
  try {
    return openPayoutDetails(creator);
  } catch {
    // One creator's damaged details must not block everyone else's payments: that payout is skipped.
    return "unreadable";
  }
}
