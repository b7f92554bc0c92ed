import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { Prisma } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";

const SHOP_QUERY = `#graphql
  query ShopForCreatorPayouts { shop { name currencyCode ianaTimezone } }`;

interface ShopQueryResult {
  data?: { shop?: { name: string; currencyCode: string; ianaTimezone: string } };
}

/** Called after OAuth/token exchange: creates the shop on first install, revives it on reinstall. */
export async function recordShopInstalled(domain: string, admin: AdminApiContext) {
  const response = await admin.graphql(SHOP_QUERY);
  const body = (await response.json()) as ShopQueryResult;
  const details = body.data?.shop;
  const name = details?.name ?? domain;
  const currency = details?.currencyCode ?? "USD";
  const timezone = details?.ianaTimezone ?? "UTC";
  return withTransaction("short", async (tx) => {
    const before = await tx.shop.findUnique({ where: { domain }, select: { installState: true } });
    const shop = await tx.shop.upsert({
      where: { domain },
      create: { domain, name, currency, timezone },
      update: { name, timezone, installState: "installed", uninstalledAt: null },
    });
    if (before?.installState === "uninstalled") {
      // installedAt is the latest install: a shop/redact received before it is stale (redact_shop
      // in the migrations refuses it). The database clock in UTC, as for InboundEvent.receivedAt.
      await tx.$executeRaw(Prisma.sql`UPDATE "Shop" SET "installedAt" = clock_timestamp() AT TIME ZONE 'UTC' WHERE "id" = ${shop.id}`);
      await recordAuditEvent(tx, {
        shopId: shop.id,
        actor: { type: "shopify" },
        action: "shop.reinstalled",
        subject: { type: "shop", id: shop.id },
        before: { installState: "uninstalled" },
        after: { installState: "installed" },
      });
      // Deliveries recorded while the app was uninstalled go back to the inbound queue, due now
      // (the drain works them oldest first).
      await tx.$executeRaw(Prisma.sql`
        UPDATE "InboundEvent" SET "status" = 'received', "nextAttemptAt" = now()
         WHERE "shopId" = ${shop.id} AND "status" = 'deferred'`);
    }
    return shop;
  });
}
