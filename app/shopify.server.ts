// Everything Shopify-specific goes through this module (as in Shopify's Remix app template).
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./db.server";
import { env } from "./env.server";
import { hasValidAppProxySignature } from "./lib/app-proxy-signature.server";
import { wallClock } from "./lib/clock.server";
import { routeShopifyLibraryToAdminOrigin } from "./lib/shopify-admin-origin.server";
import { activateWebPixel } from "./pixel/activate-web-pixel.server";
import { isDomainError } from "./domain/errors";
import { installFailureResponse } from "./shops/install-failure.server";
import { recordShopInstalled } from "./shops/record-shop-installed.server";

export const apiVersion = ApiVersion.April26;

function createShopifyApp() {
  const config = env();
  routeShopifyLibraryToAdminOrigin();
  return shopifyApp({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    apiVersion,
    scopes: config.SCOPES.split(","),
    appUrl: config.SHOPIFY_APP_URL,
    authPathPrefix: "/auth",
    sessionStorage: new PrismaSessionStorage(db()),
    distribution: AppDistribution.AppStore,
    // Token exchange gets the shop's offline token (stored as offline_<shop>, used by every
    // background job) AND the acting staff user's online token, whose associated_user (id, name,
    // email) is who the audit trail names. Admin requests then carry the online session.
    useOnlineTokens: true,
    future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
    hooks: {
      afterAuth: async ({ session }) => {
        let shop;
        try {
          shop = await recordShopInstalled(session.shop, { shopDomain: session.shop, accessToken: session.accessToken });
        } catch (error) {
          // The library turns anything but a Response into a bare 500: answer the sentence instead.
          if (isDomainError(error)) throw await installFailureResponse(session.shop, error);
          throw error;
        }
        // The storefront pixel (issue 14 §3). A failure is recorded on the shop and offered again in
        // Settings: it never breaks the install.
        await activateWebPixel(shop, { shopDomain: session.shop, accessToken: session.accessToken, scope: session.scope });
      },
    },
    ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
  });
}

type ShopifyApp = ReturnType<typeof createShopifyApp>;
let instance: ShopifyApp | undefined;

/** Created on first use so that importing a route never needs the environment. */
export function shopify(): ShopifyApp {
  instance ??= createShopifyApp();
  return instance;
}

export const authenticate = {
  admin: (request: Request) => shopify().authenticate.admin(request),
  webhook: (request: Request) => shopify().authenticate.webhook(request),
  public: {
    appProxy: (request: Request) => shopify().authenticate.public.appProxy(request),
  },
};
/** True when the app-proxy query carries a valid signature and a fresh timestamp (app/lib/app-proxy-signature.server.ts). */
export function isSignedAppProxyQuery(searchParams: URLSearchParams): boolean {
  return hasValidAppProxySignature(searchParams, env().SHOPIFY_API_SECRET, Math.trunc(wallClock().getTime() / 1000));
}

export const addDocumentResponseHeaders = (request: Request, headers: Headers) => shopify().addDocumentResponseHeaders(request, headers);
export const login = (request: Request) => shopify().login(request);
