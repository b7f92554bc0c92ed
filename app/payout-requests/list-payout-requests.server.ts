import type { PayoutRequestStatus } from "@prisma/client";
import { db } from "../db.server";

/** The payout request queue: creator withdrawals and merchant requests together, oldest first. */
export async function listPayoutRequests(shopId: string, status: PayoutRequestStatus = "requested") {
  const requests = await db().payoutRequest.findMany({
    where: { shopId, status },
    orderBy: [{ createdAt: status === "requested" ? "asc" : "desc" }, { id: "asc" }],
    take: 200,
    include: { creator: { select: { name: true, payoutDetailsStatus: true } } },
  });
  return requests.map((r) => ({
    id: r.id,
    creatorId: r.creatorId,
    creatorName: r.creator.name,
    payoutDetailsStatus: r.creator.payoutDetailsStatus,
    origin: r.origin,
    status: r.status,
    amountMinor: Number(r.amountMinor),
    currency: r.currency,
    comment: r.comment,
    requestedMethod: r.requestedMethod,
    decisionNote: r.decisionNote,
    payoutId: r.payoutId,
    createdAt: r.createdAt.toISOString(),
  }));
}
