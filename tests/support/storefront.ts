// A tiny storefront for browser tests: it serves the "Creator portal" block (its Liquid, script
// and stylesheet) on a page and plays Shopify's app proxy, forwarding /apps/creator-payouts/* to
// the app with a valid signature and the logged-in customer. Every page carries the "Referral
// tracking" app embed, with the Ajax cart it writes to (/cart.js, /cart/update.js), and
// /discount/<CODE>?redirect=<path> plays Shopify's shareable discount link: it keeps the code for
// the cart and redirects to the path — keeping none of the link's other parameters, the least
// Shopify may do, so a test proves the referral survives that.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { EXTENSION_DIR, renderBlock } from "../extensions/support/storefront-liquid";
import { PROXY_PATH_PREFIX, signedProxyUrl } from "./app-proxy";

export interface StorefrontCustomer {
  id: string;
  email: string;
}

export interface StorefrontCart {
  attributes: Record<string, string>;
  /** The code a /discount/<CODE> link applied. */
  discountCode: string | null;
}

export interface Storefront {
  url: string;
  /** The visitor's cart (one visitor per storefront). */
  cart: StorefrontCart;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves the portal page at `/` for `customer` (logged in) of `shopDomain`, the app at `appUrl`. */
export async function startStorefront(appUrl: string, shopDomain: string, customer: StorefrontCustomer): Promise<Storefront> {
  const blockHtml = await renderBlock("blocks/creator-portal.liquid", { customer: { id: Number(customer.id), email: customer.email } });
  const embedHtml = await renderBlock("blocks/referral-tracking.liquid");
  const cart: StorefrontCart = { attributes: {}, discountCode: null };
  let storefrontUrl = "";
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", storefrontUrl);
    const discount = /^\/discount\/([^/]+)$/.exec(url.pathname);
    if (discount) {
      cart.discountCode = decodeURIComponent(discount[1]);
      const redirect = url.searchParams.get("redirect") ?? "/";
      // Shopify stays on the store: only a path of its own is followed.
      const target = redirect.startsWith("/") && !redirect.startsWith("//") ? redirect : "/";
      response.writeHead(302, { Location: target });
      return response.end();
    }
    if (url.pathname === "/cart.js") {
      response.writeHead(200, { "Content-Type": "application/json" });
      return response.end(JSON.stringify({ attributes: cart.attributes, item_count: 0 }));
    }
    if (url.pathname === "/cart/update.js" && request.method === "POST") {
      const update = JSON.parse((await readBody(request)).toString("utf8") || "{}") as { attributes?: Record<string, string> };
      Object.assign(cart.attributes, update.attributes ?? {});
      response.writeHead(200, { "Content-Type": "application/json" });
      return response.end(JSON.stringify({ attributes: cart.attributes, item_count: 0 }));
    }
    const storePage = /^\/(products|collections|pages)\/([^/]+)$/.exec(url.pathname);
    if (storePage) {
      const title = decodeURIComponent(storePage[2]);
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return response.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — Trail Co</title></head>` +
          `<body><main><h1 data-store-page="${storePage[1]}">${title}</h1></main>${embedHtml}</body></html>`,
      );
    }
    if (url.pathname.startsWith("/assets/")) {
      const file = path.join(EXTENSION_DIR, "assets", path.basename(url.pathname));
      response.writeHead(200, { "Content-Type": file.endsWith(".css") ? "text/css" : "text/javascript" });
      return response.end(readFileSync(file));
    }
    if (url.pathname.startsWith(PROXY_PATH_PREFIX)) {
      // Shopify's app proxy: signed query with the shop and the logged-in customer, the
      // storefront host forwarded, the browser's Origin and body passed through.
      const target = signedProxyUrl(appUrl, `${url.pathname.slice(PROXY_PATH_PREFIX.length)}${url.search}`, {
        shop: shopDomain,
        customerId: customer.id,
      });
      const headers: Record<string, string> = { "X-Forwarded-Host": url.host, "X-Forwarded-For": "203.0.113.5" };
      for (const name of ["origin", "content-type", "accept"]) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const body = request.method === "POST" ? await readBody(request) : undefined;
      const answer = await fetch(target, {
        method: request.method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: "manual",
      });
      const type = answer.headers.get("content-type") ?? "text/plain";
      const text = Buffer.from(await answer.arrayBuffer());
      if (type.startsWith("application/liquid")) {
        // The theme's layout around a Liquid page.
        response.writeHead(answer.status, { "Content-Type": "text/html; charset=utf-8" });
        return response.end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trail Co</title>` +
            `<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>${text}</main></body></html>`,
        );
      }
      const location = answer.headers.get("location");
      response.writeHead(answer.status, { "Content-Type": type, ...(location ? { Location: location } : {}) });
      return response.end(text);
    }
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204);
      return response.end();
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Creators — Trail Co</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/creator-portal.css"></head>` +
        `<body><main><h1>Creators</h1>${blockHtml}</main><script src="/assets/creator-portal.js" defer></script>${embedHtml}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  storefrontUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: storefrontUrl, cart, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
