// The attribution sources, in precedence order (the database enum AttributionSource mirrors it).
export const ATTRIBUTION_SOURCES = ["manual", "discount_code", "referral", "pixel"] as const;
export type AttributionSourceName = (typeof ATTRIBUTION_SOURCES)[number];
