import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import type { DeliveryOutcome } from "../commissions/apply-order-delivery.server";

/** What the database function redact_shop() reports (migration 20261204050000_runtime_role). */
type RedactShopResult = "deleted" | "nothing_held" | "reinstalled";

/**
 * shop/redact (48 hours after uninstall): deletes everything the app holds for the shop. The
 * app's role may not delete ledger or audit rows; the SECURITY DEFINER function redact_shop()
 * is the one way to, and only for the recorded shop/redact delivery `inboundEventId`. A request
 * received before the shop's latest install (worked late, from a backlog) deletes nothing: the
 * merchant came back, the data is theirs again. The delivery itself is kept, detached from the
 * shop, as the record of what happened.
 */
export async function handleShopRedact(inboundEventId: string): Promise<DeliveryOutcome> {
  const rows = await db().$queryRaw<{ result: RedactShopResult }[]>(Prisma.sql`SELECT redact_shop(${inboundEventId}) AS "result"`);
  switch (rows[0]?.result) {
    case "deleted":
      return { status: "processed", reason: "shop data deleted" };
    case "nothing_held":
      return { status: "processed", reason: "nothing held for this shop" };
    case "reinstalled":
      return { status: "rejected", reason: "the shop reinstalled the app after this request was received: nothing deleted" };
    default:
      throw new Error(`redact_shop answered ${JSON.stringify(rows[0]?.result)}`);
  }
}
