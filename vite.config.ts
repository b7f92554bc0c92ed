import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Logger, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Resource routes (webhooks, exports, app proxy, auth: a loader or an action, no component) still
// get a client route chunk from Remix's Vite plugin, which lists every route as a client entry;
// once their server code is removed nothing is left, and Rollup warned "Generated an empty chunk"
// for each (remix-run/remix#9055, not fixed in Remix 2). The 0-byte chunks stay: Remix's manifest
// names a module for every route, and the client imports it lazily if a fetcher or navigation ever
// targets the route. So the warnings become one line; every other warning passes through.
const emptyRouteChunks: string[] = [];
function reportEmptyRouteChunks(): Plugin {
  let logger: Logger;
  return {
    name: "report-empty-route-chunks",
    apply: "build",
    configResolved(config) {
      logger = config.logger;
    },
    closeBundle() {
      if (emptyRouteChunks.length === 0) return;
      logger.info(`${emptyRouteChunks.length} resource routes have no client code (empty route chunks, expected).`);
      emptyRouteChunks.length = 0;
    },
  };
}

export default defineConfig({
  server: {
    host: process.env.HOST ?? "localhost",
    port: Number(process.env.PORT ?? 3000),
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
    reportEmptyRouteChunks(),
  ],
  build: {
    assetsInlineLimit: 0,
    rollupOptions: {
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE") emptyRouteChunks.push(...(warning.names ?? []));
        else warn(warning);
      },
    },
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
