// The portal's own app-proxy signature check gives the same verdict as shopify-api 15's
// `validateHmac({signator: "appProxy"})`, which `authenticate.public.appProxy` ran before issue 16:
// for correctly signed queries (repeated keys included), tampered ones, foreign secrets, repeated
// single-value parameters, missing or stale timestamps.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasValidAppProxySignature } from "./app-proxy-signature.server";

const SECRET = "test-api-secret-0123456789";
const library = shopifyApi({
  apiKey: "test-api-key",
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.April26,
  hostName: "app.example",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

async function libraryVerdict(params: URLSearchParams): Promise<boolean> {
  try {
    return await library.utils.validateHmac(params, { signator: "appProxy" });
  } catch {
    return false;
  }
}

/** Signs as Shopify's proxy does (keys sorted, repeated values joined by commas). */
function sign(params: [string, string][], secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

const key = fc.constantFrom(
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "locale",
  "link_path",
  "a",
  "B",
  "z_z",
  "show_balances",
  "hmac",
);
const value = fc.string({ maxLength: 12 });

describe("app-proxy signature", () => {
  it("agrees with shopify-api's validateHmac on signed, tampered, stale and malformed queries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 6 }),
        fc.integer({ min: -200, max: 200 }),
        fc.constantFrom("valid", "other-secret", "tampered", "no-timestamp", "no-signature", "two-timestamps", "bad-timestamp"),
        async (pairs, skewSeconds, variant) => {
          const now = Math.trunc(Date.now() / 1000);
          const withTime: [string, string][] = [...pairs, ["timestamp", String(now + skewSeconds)]];
          if (variant === "no-timestamp") withTime.pop();
          if (variant === "two-timestamps") withTime.push(["timestamp", String(now)]);
          if (variant === "bad-timestamp") withTime[withTime.length - 1] = ["timestamp", `${now}.5`];
          const params = new URLSearchParams(withTime);
          if (variant !== "no-signature") {
            const signature = sign(
              withTime.filter(([k]) => k !== "hmac"),
              variant === "other-secret" ? "another-secret" : SECRET,
            );
            params.append("signature", variant === "tampered" ? signature.replace(/^./, (c) => (c === "0" ? "1" : "0")) : signature);
          }
          const ours = hasValidAppProxySignature(params, SECRET, Math.trunc(Date.now() / 1000));
          expect(ours).toBe(await libraryVerdict(params));
          const repeated = (name: string) => pairs.filter(([k]) => k === name).length > 1;
          // Not vacuous: a well-signed, fresh query without repeated single-value keys is accepted.
          if (variant === "valid" && Math.abs(skewSeconds) <= 89 && !repeated("shop") && !repeated("hmac")) expect(ours).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
