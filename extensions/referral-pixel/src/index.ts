// Creator Payouts' Web Pixel: wires the pure event logic (./referral-pixel.ts) to Shopify's
// customer events. Every failure is silent: a pixel never disturbs the storefront or checkout.
import { register } from "@shopify/web-pixels-extension";
import {
  STORAGE_KEYS,
  chooseVisitorId,
  onCheckoutCompleted,
  onPageViewed,
  parseStoredReferral,
  postUrl,
  readSettings,
  type PixelPost,
} from "./referral-pixel";

register(({ analytics, browser, settings }) => {
  const config = readSettings(settings);
  if (!config) return;

  // sendBeacon runs in the top frame: the post carries the storefront's (or checkout's) Origin,
  // which the app checks, and as text/plain it needs no CORS preflight.
  const send = (post: PixelPost) => browser.sendBeacon(postUrl(config), JSON.stringify(post)).catch(() => false);

  const visitorIdFor = async (clientId: string) => {
    const stored = await browser.localStorage.getItem(STORAGE_KEYS.visitorId).catch(() => null);
    const visitorId = chooseVisitorId(stored, clientId);
    if (visitorId && visitorId !== stored) await browser.localStorage.setItem(STORAGE_KEYS.visitorId, visitorId).catch(() => undefined);
    return visitorId;
  };

  analytics.subscribe("page_viewed", async (event) => {
    const visitorId = await visitorIdFor(event.clientId);
    if (!visitorId) return;
    const landing = onPageViewed(event, visitorId);
    if (!landing) return;
    await browser.localStorage.setItem(STORAGE_KEYS.referral, JSON.stringify(landing.remember)).catch(() => undefined);
    await send(landing.post);
  });

  analytics.subscribe("checkout_completed", async (event) => {
    const visitorId = await visitorIdFor(event.clientId);
    if (!visitorId) return;
    const seen = parseStoredReferral(await browser.localStorage.getItem(STORAGE_KEYS.referral).catch(() => null));
    const conversion = onCheckoutCompleted(event, seen, config, visitorId);
    if (conversion) await send(conversion);
  });
});
