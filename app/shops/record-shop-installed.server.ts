import { Prisma } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { adminGraphql, type AdminAccess } from "../lib/shopify-admin-graphql.server";

// shopAddress (ShopAddress!; 2026-04 deprecates Shop.billingAddress for it): the shop's legal
// identity for self-billing invoices — company, the address as Shopify formats it for the country
// (without the company line), and the country.
const SHOP_QUERY = `#graphql
  query ShopForCreatorPayouts {
    shop {
      name
      currencyCode
      ianaTimezone
      shopAddress { company countryCodeV2 formatted(withCompany: false) }
    }
  }`;

interface ShopAddress {
  company: string | null;
  countryCodeV2: string | null;
  formatted: string[];
}

interface ShopData {
  shop: { name: string; currencyCode: string; ianaTimezone: string; shopAddress: ShopAddress | null };
}

/** The issuer's identity as stored on the shop: empty parts are null, never "". */
export function shopLegalIdentity(address: ShopAddress | null | undefined) {
  const lines = (address?.formatted ?? []).map((line) => line.trim()).filter((line) => line !== "");
  return {
    legalName: address?.company?.trim() || null,
    billingAddress: lines.length > 0 ? lines.join("\n") : null,
    billingCountryCode: /^[A-Z]{2}$/.test(address?.countryCodeV2 ?? "") ? address!.countryCodeV2 : null,
  };
}

/**
 * Called after OAuth/token exchange (with the session's shop and token): creates the shop on first
 * install, revives it on reinstall.
 */
export async function recordShopInstalled(domain: string, access: AdminAccess) {
  const { shop: details } = await adminGraphql<ShopData>(access, SHOP_QUERY, { purpose: "read the store's name, currency and address" });
  const name = details?.name ?? domain;
  const currency = details?.currencyCode ?? "USD";
  const timezone = details?.ianaTimezone ?? "UTC";
  // Refreshed on every token exchange, so a changed billing address reaches the next invoice.
  const identity = details ? shopLegalIdentity(details.shopAddress) : {};
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
