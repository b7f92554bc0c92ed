// Serves the built Remix app (build/) over HTTP with Express.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isDemoMode } from "../app/demo/demo-mode.server";
import { demoRequestRefusal } from "../app/demo/demo-request-guard.server";
import { serveShopifyWebhookFast } from "../app/webhooks/shopify-webhook-fast-path.server";

/**
 * Defence in depth: no route takes a body above this (the largest per-route limit, in
 * app/http/bounded-body.server.ts, is a portal form with a 5 MiB invoice), so a declared
 * Content-Length above it is refused before the request reaches Remix. Chunked bodies carry no
 * length; each route's bounded reader counts them.
 */
export const SERVER_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface RunningAppServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, closes idle keep-alive ones, and lets requests in flight finish;
   * after `drainMs` (default 0) the remaining connections are cut.
   */
  close(drainMs?: number): Promise<void>;
}

export async function startAppServer(options: {
  host: string;
  port: number;
  buildDir?: string;
  /** Default true: Shopify webhooks answered before Remix (false: through the Remix routes). */
  fastWebhooks?: boolean;
}): Promise<RunningAppServer> {
  const buildDir = path.resolve(options.buildDir ?? "build");
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.use((request, response, next) => {
    if (Number(request.headers["content-length"]) > SERVER_BODY_LIMIT_BYTES) {
      response
        .status(413)
        .set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" })
        .send("Request body too large: this app takes at most 8 MiB.");
      return;
    }
    if (!isDemoMode()) return next();
    const refusal = demoRequestRefusal({
      method: request.method,
      host: request.headers.host,
      origin: request.headers.origin,
      path: request.path,
    });
    if (refusal) return void response.status(403).type("text/plain").send(refusal);
    next();
  });
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  // Shopify webhooks are answered here, before Express and Remix (see the fast path's module and
  // the README's Benchmarks): same answers, a fraction of the CPU. Demo mode keeps its request guard
  // in front of everything; `fastWebhooks: false` serves them through Remix (tests compare the two).
  const fastWebhooks = options.fastWebhooks !== false && !isDemoMode();
  const server = http.createServer((request, response) => {
    const declared = Number(request.headers["content-length"]);
    const withinServerLimit = !(declared > SERVER_BODY_LIMIT_BYTES);
    if (fastWebhooks && withinServerLimit && serveShopifyWebhookFast(request, response)) return;
    app(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${displayHost}:${port}`,
    port,
    close: (drainMs = 0) =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        if (drainMs <= 0) server.closeAllConnections();
        else setTimeout(() => server.closeAllConnections(), drainMs).unref();
      }),
  };
}
