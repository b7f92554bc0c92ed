import { db } from "../db.server";

/**
 * shop/redact (48 hours after uninstall): deletes everything the app holds for the shop. The
 * append-only ledger and audit tables allow it only inside a transaction that declares a
 * redaction (see the first migration). The redaction's own inbound event is kept, detached from
 * the shop, as the record that it happened.
 */
export async function handleShopRedact(shopDomain: string, keepInboundEventId: string) {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('creator_payouts.redacting', 'on', true)`;
      await tx.inboundEvent.update({ where: { id: keepInboundEventId }, data: { shopId: null } });
      await tx.session.deleteMany({ where: { shop: shopDomain } });
      await tx.inboundEvent.deleteMany({ where: { shopDomain, id: { not: keepInboundEventId } } });
      const deleted = await tx.shop.deleteMany({ where: { domain: shopDomain } });
      return { reason: deleted.count ? "shop data deleted" : "nothing held for this shop" };
    },
    { timeout: 120_000 },
  );
}
