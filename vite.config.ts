import { createHash } from "node:crypto";
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
// once their server code is removed nothing is left: Rollup warns "Generated an empty chunk" and
// writes a 0-byte file for each (remix-run/remix#9055, not fixed in Remix 2). Remix's manifest
// must still name a module for every route (the client imports it if a fetcher or navigation ever
// targets the route, and reloads the page when a module is missing), so instead of one empty file
// per route this plugin points all of them at one shared module that says what it is, drops the
// empty chunks from the build, and prints one line instead of the warnings.
const RESOURCE_ROUTE_MODULE = "// A resource route: no client code.\n";
const emptyRouteChunks: string[] = [];
function shareOneResourceRouteModule(): Plugin {
  let logger: Logger;
  let folded = 0;
  return {
    name: "share-one-resource-route-module",
    apply: (_config, env) => env.command === "build" && !env.isSsrBuild,
    configResolved(config) {
      logger = config.logger;
    },
    generateBundle: {
      // After Vite's manifest plugin, so its manifest.json is in the bundle to rewrite.
      order: "post",
      handler(_options, bundle) {
        const empty = Object.values(bundle).filter(
          (chunk) =>
            chunk.type === "chunk" &&
            chunk.isEntry &&
            chunk.code.trim() === "" &&
            /[?&]__remix-build-client-route\b/.test(chunk.facadeModuleId ?? ""),
        );
        const manifestAsset = bundle[".vite/manifest.json"];
        if (empty.length === 0 || manifestAsset?.type !== "asset") return;
        const shared = `assets/resource-route-${createHash("sha256").update(RESOURCE_ROUTE_MODULE).digest("base64url").slice(0, 8)}.js`;
        this.emitFile({ type: "asset", fileName: shared, source: RESOURCE_ROUTE_MODULE });
        const emptyFiles = new Set(empty.map((chunk) => chunk.fileName));
        const manifest = JSON.parse(String(manifestAsset.source)) as Record<string, { file: string }>;
        for (const entry of Object.values(manifest)) if (emptyFiles.has(entry.file)) entry.file = shared;
        manifestAsset.source = JSON.stringify(manifest, null, 2);
        for (const file of emptyFiles) delete bundle[file];
        folded = emptyFiles.size;
      },
    },
    closeBundle() {
      const warned = emptyRouteChunks.length;
      emptyRouteChunks.length = 0;
      if (folded > 0) logger.info(`${folded} resource routes share one client module (no client code; no empty chunks written).`);
      else if (warned > 0) logger.warn(`${warned} empty chunks were generated and not folded into one module: check vite.config.ts.`);
      folded = 0;
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
    shareOneResourceRouteModule(),
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
