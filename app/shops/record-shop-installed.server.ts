import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { db } from "../db.server";

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
  return db().shop.upsert({
    where: { domain },
    create: { domain, name, currency, timezone },
    update: { name, timezone, installState: "installed", uninstalledAt: null },
  });
}
