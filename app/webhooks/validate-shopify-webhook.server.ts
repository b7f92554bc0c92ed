// Shopify's own webhook check (HMAC of the raw body + the required X-Shopify-* headers), from
// @shopify/shopify-api, without authenticate.webhook's offline-session lookup: one database
// round trip per delivery that no webhook handler here uses. shopifyApp() keeps its api
// instance private, so this module holds a second one with the same app credentials.
import "@shopify/shopify-api/adapters/web-api";
import { LogSeverity, shopifyApi, type WebhookValidation } from "@shopify/shopify-api";
import { env } from "../env.server";
import { apiVersion } from "../shopify.server";

type Validate = (args: { rawBody: string; rawRequest: Request }) => Promise<WebhookValidation>;
let validate: Validate | undefined;

function createValidator(): Validate {
  const config = env();
  const appUrl = new URL(config.SHOPIFY_APP_URL);
  const api = shopifyApi({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    apiVersion,
    scopes: config.SCOPES.split(","),
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === "http:" ? "http" : "https",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
    _logDisabledFutureFlags: false,
  });
  return (args) => api.webhooks.validate(args);
}

/**
 * The library reads only Shopify's own headers (X-Shopify-* for webhooks, Shopify-* for events),
 * but canonicalises every header name once per header it copies (quadratic in the header count):
 * handing it just those halves its cost per delivery.
 */
function withShopifyHeadersOnly(request: Request): Request {
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (name.startsWith("x-shopify-") || name.startsWith("shopify-")) headers.set(name, value);
  }
  return new Request(request.url, { method: request.method, headers });
}

/** The library's verdict: valid (with the delivery's fields), missing headers/body, or a bad HMAC. */
export function validateShopifyWebhook(args: { rawBody: string; rawRequest: Request }): Promise<WebhookValidation> {
  validate ??= createValidator();
  return validate({ rawBody: args.rawBody, rawRequest: withShopifyHeadersOnly(args.rawRequest) });
}
