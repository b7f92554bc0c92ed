// A tiny stand-in for a Shopify storefront: serves a page with the extension's rendered Liquid,
// its assets, the Ajax cart endpoints and the app proxy, recording every call the scripts make.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { EXTENSION_DIR } from "./storefront-liquid";

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeStorefront {
  url: string;
  calls: RecordedCall[];
  /** The cart's attributes, as /cart.js returns them. */
  cartAttributes: Record<string, string>;
  /** Status /cart.js and /cart/update.js answer with (default 200). */
  cartStatus: number;
  /** Status the app proxy answers with, per path below /apps/creator-payouts (default 200). */
  proxyStatus: Record<string, number>;
  /** HTML the app proxy returns for /portal. */
  portalHtml: string;
  /** What every storefront page serves: `main` inside <main>, `bodyEnd` where app embeds go. */
  setPage(page: { main?: string; bodyEnd?: string }): void;
  callsTo(path: string): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

const PROXY = "/apps/creator-payouts";

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeStorefront(): Promise<FakeStorefront> {
  let page = { main: "", bodyEnd: "" };
  const storefront = {
    url: "",
    calls: [] as RecordedCall[],
    cartAttributes: {} as Record<string, string>,
    cartStatus: 200,
    proxyStatus: {} as Record<string, number>,
    portalHtml: "",
    setPage(next: { main?: string; bodyEnd?: string }) {
      page = { main: next.main ?? "", bodyEnd: next.bodyEnd ?? "" };
    },
    callsTo(callPath: string) {
      return storefront.calls.filter((call) => call.path === callPath);
    },
    reset() {
      storefront.calls.length = 0;
      storefront.cartAttributes = {};
      storefront.cartStatus = 200;
      storefront.proxyStatus = {};
      storefront.portalHtml = "";
    },
    close: async () => {},
  };

  function send(response: ServerResponse, status: number, type: string, body: string) {
    response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
    response.end(body);
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://storefront.test");
    const body = request.method === "POST" ? await readBody(request) : null;
    if (url.pathname.startsWith("/cart") || url.pathname.startsWith(PROXY)) {
      storefront.calls.push({
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
      });
    }

    if (url.pathname.startsWith("/assets/")) {
      const file = path.join(EXTENSION_DIR, "assets", path.basename(url.pathname));
      const type = file.endsWith(".css") ? "text/css" : "text/javascript";
      return send(response, 200, type, readFileSync(file, "utf8"));
    }
    if (url.pathname.startsWith("/cart") && storefront.cartStatus !== 200) {
      return send(response, storefront.cartStatus, "text/plain", "Unavailable");
    }
    if (url.pathname === "/cart.js") {
      return send(response, 200, "application/json", JSON.stringify({ attributes: storefront.cartAttributes, items: [] }));
    }
    if (url.pathname === "/cart/update.js" && request.method === "POST") {
      const attributes = (body as { attributes?: Record<string, string> } | null)?.attributes ?? {};
      storefront.cartAttributes = { ...storefront.cartAttributes, ...attributes };
      return send(response, 200, "application/json", JSON.stringify({ attributes: storefront.cartAttributes, items: [] }));
    }
    if (url.pathname.startsWith(PROXY)) {
      const status = storefront.proxyStatus[url.pathname.slice(PROXY.length)] ?? 200;
      if (status !== 200) return send(response, status, "text/plain", "Unavailable");
      if (url.pathname === `${PROXY}/portal`) return send(response, 200, "text/html", storefront.portalHtml);
      return send(response, 200, "application/json", "{}");
    }
    if (url.pathname === "/favicon.ico") return send(response, 204, "image/x-icon", "");
    return send(
      response,
      200,
      "text/html; charset=utf-8",
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test storefront</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<link rel="stylesheet" href="/assets/creator-portal.css"></head>` +
        `<body><main><h1>Test storefront</h1>${page.main}</main>${page.bodyEnd}</body></html>`,
    );
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  storefront.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  storefront.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return storefront;
}
