import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { Prisma } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";

// billingAddress (ShopAddress!): the shop's legal identity for self-billing invoices — company,
// the address as Shopify formats it for the country (without the company line), and the country.
const SHOP_QUERY = `#graphql
  query ShopForCreatorPayouts {
    shop {
      name
      currencyCode
      ianaTimezone
      billingAddress { company countryCodeV2 formatted(withCompany: false) }
    }
  }`;

interface ShopQueryResult {
  data?: {
    shop?: {
      name: string;
      currencyCode: string;
      ianaTimezone: string;
      billingAddress?: { company: string | null; countryCodeV2: string | null; formatted: string[] } | null;
    };
  };
}

/** The issuer's identity as stored on the shop: empty parts are null, never "". */
export function shopLegalIdentity(address: NonNullable<NonNullable<ShopQueryResult["data"]>["shop"]>["billingAddress"]) {
  const lines = (address?.formatted ?? []).map((line) => line.trim()).filter((line) => line !== "");
  return {
    legalName: address?.company?.trim() || null,
    billingAddress: lines.length > 0 ? lines.join("\n") : null,
    billingCountryCode: /^[A-Z]{2}$/.test(address?.countryCodeV2 ?? "") ? address!.countryCodeV2 : null,
  };
}

/** Called after OAuth/token exchange: creates the shop on first install, revives it on reinstall. */
export async function recordShopInstalled(domain: string, admin: AdminApiContext) {
  const response = await admin.graphql(SHOP_QUERY);
  const body = (await response.json()) as ShopQueryResult;
  const details = body.data?.shop;
  const name = details?.name ?? domain;
  const currency = details?.currencyCode ?? "USD";
  const timezone = details?.ianaTimezone ?? "UTC";
  // Refreshed on every token exchange, so a changed billing address reaches the next invoice.
  const identity = details ? shopLegalIdentity(details.billingAddress) : {};
  return withTransaction("short", async (tx) => {
    const before = await tx.shop.findUnique({ where: { domain }, select: { installState: true } });
    const shop = await tx.shop.upsert({
      where: { domain },
      create: { domain, name, currency, timezone, ...identity },
      update: { name, timezone, installState: "installed", uninstalledAt: null, ...identity },
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
