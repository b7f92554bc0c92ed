// Serves the built Remix app (build/) over HTTP with Express.
import { createRequestHandler } from "@remix-run/express";
import type { LoaderFunction, ServerBuild } from "@remix-run/node";
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isDemoMode } from "../app/demo/demo-mode.server";
import { withRequestScope } from "../app/lib/request-scope.server";
import { demoRequestRefusal } from "../app/demo/demo-request-guard.server";
import { serveShopifyWebhookFast } from "../app/webhooks/shopify-webhook-fast-path.server";
import type { PortalAnswer } from "../app/portal/portal-responses.server";
import { trackHttpRequest } from "../app/lib/http-requests-in-flight.server";

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
  // No file lives under /proxy: app-proxy requests (the portal, every storefront visit) skip the
  // static handler's stat of the disk (issue 16 §4).
  const staticFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
  app.use((request, response, next) => (request.path.startsWith("/proxy/") ? next() : staticFiles(request, response, next)));
  servePortalReadsDirectly(app, build);
  const remix = createRequestHandler({ build, mode: process.env.NODE_ENV });
  // A GET's loaders share one staff lookup (app/lib/request-scope.server.ts); other methods share nothing.
  app.all("*", (request, response, next) =>
    request.method === "GET" || request.method === "HEAD"
      ? withRequestScope(() => remix(request, response, next))
      : remix(request, response, next),
  );

  // Shopify webhooks are answered here, before Express and Remix (see the fast path's module and
  // the README's Benchmarks): same answers, a fraction of the CPU. Demo mode keeps its request guard
  // in front of everything; `fastWebhooks: false` serves them through Remix (tests compare the two).
  const fastWebhooks = options.fastWebhooks !== false && !isDemoMode();
  const server = http.createServer((request, response) => {
    // The inbound drain (same process) keeps its batches short while requests are in flight.
    trackHttpRequest(response);
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

/**
 * GET /proxy/portal (every storefront page with the portal block) goes straight to its route's
 * loader: Remix's handler would match the URL against every route, compiling each pattern again
 * on every request (about a millisecond of CPU a request in the issue 16 §4 profile). The loader
 * is the route's own, so the answers are the same: the page (as plain data here), or the Response
 * it throws (401, 404, 429); anything else is logged and answered 500 as Remix answers a resource
 * route.
 */
function servePortalReadsDirectly(app: express.Express, build: ServerBuild) {
  const loader = build.routes["routes/proxy.portal"]?.module.loader as LoaderFunction | undefined;
  if (!loader) return;
  app.get("/proxy/portal", async (request, response) => {
    let answer: unknown;
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (Array.isArray(value)) for (const each of value) headers.append(name, each);
        else if (value !== undefined) headers.set(name, value);
      }
      const url = `${request.protocol}://${request.get("host") ?? "localhost"}${request.originalUrl}`;
      // plainAnswer: the page as data (status, headers, text), written below without building a
      // web Response and reading its body back (≈ 0.05 ms of CPU a page, README's Benchmarks).
      answer = await loader({ request: new Request(url, { method: "GET", headers }), params: {}, context: { plainAnswer: true } });
    } catch (thrown) {
      if (!(thrown instanceof Response)) {
        console.error(thrown);
        response.status(500).type("text/plain").send("Unexpected Server Error");
        return;
      }
      answer = thrown;
    }
    if (!(answer instanceof Response)) {
      const page = answer as PortalAnswer;
      response.statusCode = page.status;
      for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
      response.end(page.body); // Content-Length from the text's UTF-8 length, as for a Buffer
      return;
    }
    response.status(answer.status);
    answer.headers.forEach((value, name) => {
      if (name !== "set-cookie") response.setHeader(name, value);
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) response.setHeader("set-cookie", cookies);
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
}
