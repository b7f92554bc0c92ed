// Activates the app's Web Pixel on a shop (webPixelCreate with its settings), at install and from
// Settings ("Activate again"). Idempotent: a shop whose pixel exists gets webPixelUpdate (fresh
// settings) instead. A failure never breaks the install: it is recorded on the shop and shown in
// Settings with a retry.
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { env } from "../env.server";
import { adminGraphql, type AdminAccess } from "../lib/shopify-admin-graphql.server";
import { now } from "../lib/clock.server";
import { STOREFRONT_DOMAIN, WEB_PIXEL, WEB_PIXEL_CREATE, WEB_PIXEL_UPDATE } from "./web-pixel-operations";

/** write_pixels activates the pixel; read_customer_events lets it subscribe to customer events. */
export const PIXEL_SCOPES = ["write_pixels", "read_customer_events"] as const;

interface WebPixelUserError {
  field: string[] | null;
  code: string | null;
  message: string;
}
interface WebPixelPayload {
  webPixel: { id: string } | null;
  userErrors: WebPixelUserError[];
}

export type PixelActivation = { ok: true; webPixelId: string } | { ok: false; error: string };

/** The settings the pixel runs with (every field a string, as its settings definition says). */
export function webPixelSettings(shop: Pick<Shop, "domain" | "attributionWindowDays">): string {
  const endpoint = new URL("/pixel/events", env().SHOPIFY_APP_URL).toString();
  return JSON.stringify({ endpoint, shop: shop.domain, attributionWindowDays: String(shop.attributionWindowDays) });
}

/** Activates (or refreshes) the pixel and records the outcome on the shop; never throws for Shopify's answers. */
export async function activateWebPixel(shop: Shop, access: AdminAccess & { scope?: string | null }): Promise<PixelActivation> {
  const outcome = await tryActivate(shop, access);
  await db().shop.update({
    where: { id: shop.id },
    data: {
      webPixelCheckedAt: now(),
      webPixelError: outcome.ok ? null : outcome.error,
      ...(outcome.ok ? { webPixelId: outcome.webPixelId } : {}),
      ...(outcome.storefrontHost ? { storefrontHost: outcome.storefrontHost } : {}),
    },
  });
  return outcome.ok ? { ok: true, webPixelId: outcome.webPixelId } : { ok: false, error: outcome.error };
}

/** The retry from Settings: with the shop's offline token (the one install stored). */
export async function activateWebPixelAgain(shop: Shop): Promise<PixelActivation> {
  const session = await db().session.findFirst({ where: { shop: shop.domain, isOnline: false } });
  return activateWebPixel(shop, { shopDomain: shop.domain, accessToken: session?.accessToken, scope: session?.scope ?? "" });
}

type Attempt = (PixelActivation & { storefrontHost?: string }) | { ok: false; error: string; storefrontHost?: string };

async function tryActivate(shop: Shop, access: AdminAccess & { scope?: string | null }): Promise<Attempt> {
  const granted = (access.scope ?? "").split(",").map((scope) => scope.trim());
  const missing = PIXEL_SCOPES.filter((scope) => !granted.includes(scope));
  if (access.scope != null && missing.length > 0) {
    return {
      ok: false,
      error: `The storefront pixel is not active: the app needs Shopify's ${missing.join(" and ")} access. Open the app from Shopify admin and approve the new access, or reinstall the app.`,
    };
  }
  const call = <T>(query: string, variables?: Record<string, unknown>) =>
    adminGraphql<T>(access, query, { purpose: "activate the app's storefront pixel", variables });
  try {
    const { shop: details } = await call<{ shop: { primaryDomain: { host: string } | null } }>(STOREFRONT_DOMAIN);
    const storefrontHost = details.primaryDomain?.host.toLowerCase() ?? undefined;
    const webPixel = { settings: webPixelSettings(shop) };
    if (shop.webPixelId) {
      const updated = await call<{ webPixelUpdate: WebPixelPayload }>(WEB_PIXEL_UPDATE, { id: shop.webPixelId, webPixel });
      const result = settle(updated.webPixelUpdate);
      // Deleted in Shopify since (NOT_FOUND): create it again below.
      if (result.ok || !isNotFound(updated.webPixelUpdate)) return { ...result, storefrontHost };
    }
    const created = await call<{ webPixelCreate: WebPixelPayload }>(WEB_PIXEL_CREATE, { webPixel });
    if (created.webPixelCreate.userErrors.some((error) => error.code === "TAKEN")) {
      // The pixel exists but the app lost its id (an older install): find it and refresh it.
      const existing = await call<{ webPixel: { id: string } | null }>(WEB_PIXEL);
      if (existing.webPixel) {
        const updated = await call<{ webPixelUpdate: WebPixelPayload }>(WEB_PIXEL_UPDATE, { id: existing.webPixel.id, webPixel });
        return { ...settle(updated.webPixelUpdate), storefrontHost };
      }
    }
    return { ...settle(created.webPixelCreate), storefrontHost };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, error: `The storefront pixel is not active: ${error.message}` };
    throw error;
  }
}

const isNotFound = (payload: WebPixelPayload) => payload.userErrors.some((error) => error.code === "NOT_FOUND");

function settle(payload: WebPixelPayload): PixelActivation {
  if (payload.webPixel && payload.userErrors.length === 0) return { ok: true, webPixelId: payload.webPixel.id };
  const said = payload.userErrors.map((error) => error.message).join("; ") || "Shopify returned no pixel";
  return { ok: false, error: `The storefront pixel is not active: Shopify said "${said}".` };
}
