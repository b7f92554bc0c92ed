// Renders the theme app extension's Liquid blocks outside Shopify with liquidjs. Only the few
// Shopify filters and objects the blocks use are imitated: `t` reads the extension's storefront
// locale files, `asset_url` points at /assets/<name>, and `{% schema %}` renders nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, TypeGuards, type TagToken, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../../extensions/creator-portal");

export type StorefrontLocale = "en" | "fr";

export function extensionFile(relativePath: string): string {
  return readFileSync(path.join(EXTENSION_DIR, relativePath), "utf8");
}

function storefrontTranslations(locale: StorefrontLocale): Record<string, unknown> {
  return JSON.parse(extensionFile(locale === "en" ? "locales/en.default.json" : `locales/${locale}.json`));
}

function translate(translations: Record<string, unknown>, key: string): string {
  const value = key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      translations,
    );
  if (typeof value !== "string") throw new Error(`Missing storefront translation "${key}"`);
  return value;
}

class SchemaTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length > 0) {
      const next = remainTokens.shift();
      if (TypeGuards.isTagToken(next) && next.name === "endschema") return;
    }
    throw new Error("{% schema %} is not closed");
  }
  *render(): Generator<unknown, void, unknown> {}
}

/** The block's `{% schema %}` JSON. */
export function blockSchema(blockFile: string): {
  name: string;
  target: string;
  javascript?: string;
  stylesheet?: string;
  settings: Array<{ id?: string; type: string; default?: unknown }>;
} {
  const match = extensionFile(blockFile).match(/{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/);
  if (!match) throw new Error(`${blockFile} has no schema`);
  return JSON.parse(match[1]);
}

/** Setting defaults from the block's schema, overridden by `settings`. */
export function blockSettings(blockFile: string, settings: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const setting of blockSchema(blockFile).settings) {
    if (setting.id) defaults[setting.id] = setting.default ?? "";
  }
  return { ...defaults, ...settings };
}

export interface RenderBlockOptions {
  locale?: StorefrontLocale;
  settings?: Record<string, unknown>;
  customer?: { id: number; email: string } | null;
  blockId?: string;
}

export async function renderBlock(blockFile: string, options: RenderBlockOptions = {}): Promise<string> {
  const locale = options.locale ?? "en";
  const translations = storefrontTranslations(locale);
  const engine = new Liquid({ strictFilters: true });
  engine.registerTag("schema", SchemaTag);
  engine.registerFilter("t", (key: string) => translate(translations, key));
  engine.registerFilter("asset_url", (name: string) => `/assets/${name}`);
  const root = locale === "en" ? "/" : `/${locale}`;
  return engine.parseAndRender(extensionFile(blockFile), {
    block: {
      id: options.blockId ?? "AbC123",
      settings: blockSettings(blockFile, options.settings),
      shopify_attributes: "",
    },
    customer: options.customer ?? null,
    request: { locale: { iso_code: locale } },
    routes: {
      root_url: root,
      cart_url: locale === "en" ? "/cart" : `${root}/cart`,
      account_login_url: locale === "en" ? "/account/login" : `${root}/account/login`,
    },
  });
}
