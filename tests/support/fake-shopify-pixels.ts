// The Admin API stand-in's web pixel (called from fake-shopify-admin.ts): webPixel, webPixelCreate
// and webPixelUpdate as root fields run by graphql-js over this state, after the stand-in checked
// the operation against the 2026-04 schema. Like Shopify, it checks the settings JSON against the
// extension's settings definition (extensions/referral-pixel/shopify.extension.toml) and answers
// INVALID_SETTINGS, TAKEN (one pixel per app and shop) or NOT_FOUND as userErrors.
import { readFileSync } from "node:fs";
import path from "node:path";

const EXTENSION_TOML = path.join(import.meta.dirname, "../../extensions/referral-pixel/shopify.extension.toml");

export interface FakeWebPixels {
  /** The app's pixel on the store, if any (its settings as the JSON string received). */
  current: { id: string; settings: string } | null;
  /** The mutations received, by name, with their variables. */
  mutations: { name: "webPixelCreate" | "webPixelUpdate"; variables: Record<string, unknown> }[];
  /** userErrors the next create answers with (then cleared), e.g. a Shopify outage. */
  nextCreateUserErrors: { field: string[] | null; code: string | null; message: string }[] | null;
}

export function fakeWebPixels(): FakeWebPixels {
  return { current: null, mutations: [], nextCreateUserErrors: null };
}

/** The field names of the extension's settings definition ([settings.fields.<name>]). */
export function pixelSettingFields(): string[] {
  return [...readFileSync(EXTENSION_TOML, "utf8").matchAll(/^\[settings\.fields\.([A-Za-z0-9_]+)\]/gm)].map((m) => m[1]);
}

let nextId = 7_000_001;

type UserError = { field: string[]; code: string; message: string };

function settingsErrors(settings: unknown): UserError[] {
  if (typeof settings !== "string")
    return [{ field: ["webPixel", "settings"], code: "INVALID_CONFIGURATION_JSON", message: "Settings must be JSON." }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(settings);
  } catch {
    return [{ field: ["webPixel", "settings"], code: "INVALID_CONFIGURATION_JSON", message: "Settings must be JSON." }];
  }
  const fields = pixelSettingFields();
  const value = parsed as Record<string, unknown>;
  const wrong =
    !value ||
    typeof value !== "object" ||
    Object.keys(value).sort().join() !== [...fields].sort().join() ||
    fields.some((field) => typeof value[field] !== "string" || value[field] === "");
  return wrong
    ? [{ field: ["webPixel", "settings"], code: "INVALID_SETTINGS", message: "Settings do not match the extension's settings definition." }]
    : [];
}

/** Query and mutation root fields for the admin stand-in. */
export function webPixelRoots(store: FakeWebPixels) {
  const payload = (userErrors: UserError[]) =>
    userErrors.length > 0 ? { webPixel: null, userErrors } : { webPixel: { ...store.current }, userErrors: [] };
  return {
    query: { webPixel: () => (store.current ? { ...store.current } : null) },
    mutation: {
      webPixelCreate: ({ webPixel }: { webPixel: { settings: unknown } }) => {
        store.mutations.push({ name: "webPixelCreate", variables: { webPixel } });
        const injected = store.nextCreateUserErrors;
        store.nextCreateUserErrors = null;
        if (injected) return { webPixel: null, userErrors: injected };
        if (store.current) return payload([{ field: ["webPixel"], code: "TAKEN", message: "Web pixel is taken." }]);
        const errors = settingsErrors(webPixel.settings);
        if (errors.length === 0) store.current = { id: `gid://shopify/WebPixel/${nextId++}`, settings: String(webPixel.settings) };
        return payload(errors);
      },
      webPixelUpdate: ({ id, webPixel }: { id: string; webPixel: { settings: unknown } }) => {
        store.mutations.push({ name: "webPixelUpdate", variables: { id, webPixel } });
        if (!store.current || store.current.id !== id)
          return payload([{ field: ["id"], code: "NOT_FOUND", message: "Web pixel not found." }]);
        const errors = settingsErrors(webPixel.settings);
        if (errors.length === 0) store.current = { id, settings: String(webPixel.settings) };
        return payload(errors);
      },
    },
  };
}
