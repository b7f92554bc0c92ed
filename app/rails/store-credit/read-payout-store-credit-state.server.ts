// What the payout page shows about store credit: whether the shop granted the scope (the card is
// offered only then), and the payout's store credit attempts.
import { db } from "../../db.server";
import { WRITE_STORE_CREDIT } from "./store-credit-admin.server";

export interface PayoutStoreCreditState {
  available: boolean;
  attempts: { attempt: number; status: string; errorMessage: string | null; transactionId: string | null }[];
}

export async function readPayoutStoreCreditState(shopId: string, shopDomain: string, payoutId: string): Promise<PayoutStoreCreditState> {
  const [session, attempts] = await Promise.all([
    db().session.findFirst({ where: { shop: shopDomain, isOnline: false }, select: { scope: true } }),
    db().payoutAttempt.findMany({ where: { shopId, payoutId, rail: "store_credit" }, orderBy: { attempt: "desc" } }),
  ]);
  return {
    available: (session?.scope ?? "")
      .split(",")
      .map((scope) => scope.trim())
      .includes(WRITE_STORE_CREDIT),
    attempts: attempts.map((a) => ({ attempt: a.attempt, status: a.status, errorMessage: a.errorMessage, transactionId: a.railReference })),
  };
}
