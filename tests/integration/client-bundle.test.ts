// The JavaScript the browser gets (build/client after `npm run build`), read through Remix's own
// manifest: what each admin screen loads before it hydrates, and which module each route names.
// The sizes are the vitals benchmark's business (bench/web-vitals.ts, budget in bench/goals.ts);
// this holds what must not come back: a library that only draws after hydration (Polaris Viz) or
// that only the server needs (zod) on a screen's hydration path, and an empty chunk per resource route.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isBuildStale } from "../../scripts/build-freshness";

const CLIENT = path.resolve("build", "client");

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface RemixManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

function readManifest(): RemixManifest {
  const assets = path.join(CLIENT, "assets");
  const file = readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`no Remix manifest in ${assets}: run npm run build`);
  const source = readFileSync(path.join(assets, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as RemixManifest;
}

const fileOf = (url: string) => path.join(CLIENT, url);

/** The modules a route's server-rendered page preloads and runs before hydrating: the entry, and the route with its parents. */
function hydrationModules(manifest: RemixManifest, routeId: string): string[] {
  const modules = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (
    let route: ManifestRoute | undefined = manifest.routes[routeId];
    route;
    route = route.parentId ? manifest.routes[route.parentId] : undefined
  ) {
    modules.add(route.module);
    for (const imported of route.imports ?? []) modules.add(imported);
  }
  return [...modules];
}

const SCREENS = {
  Home: "routes/app._index",
  Creators: "routes/app.creators._index",
  "deal page": "routes/app.creators.$creatorId",
  Payouts: "routes/app.payouts._index",
  Reports: "routes/app.reports",
};

// Strings each library's minified code keeps (an error message, a class name).
const POLARIS_VIZ = "PolarisVizProvider";
const ZOD = '"ZodError"';

describe("the client bundle", () => {
  let manifest: RemixManifest;
  beforeAll(() => {
    if (isBuildStale()) throw new Error("build/ is missing or older than app/: run npm run build first");
    manifest = readManifest();
  });
  const source = (url: string) => readFileSync(fileOf(url), "utf8");

  it("hydrates Reports without Polaris Viz, which its charts import lazily after hydration", () => {
    const modules = hydrationModules(manifest, SCREENS.Reports);
    expect(modules.filter((url) => source(url).includes(POLARIS_VIZ))).toEqual([]);
    // The charts' chunk exists (imported by the route at run time), so the check above is not vacuous.
    const lazy = readdirSync(path.join(CLIENT, "assets")).filter(
      (name) => name.endsWith(".js") && source(`/assets/${name}`).includes(POLARIS_VIZ),
    );
    expect(lazy.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(SCREENS))("hydrates %s without zod (the server validates; the screens only build query strings)", (_, routeId) => {
    const modules = hydrationModules(manifest, routeId);
    expect(modules.length).toBeGreaterThan(3);
    expect(modules.filter((url) => source(url).includes(ZOD))).toEqual([]);
  });

  it("names an existing, non-empty module for every route: resource routes share one instead of an empty chunk each", () => {
    const routes = Object.values(manifest.routes);
    // Rollup writes an "empty" chunk as a lone newline.
    const isEmpty = (file: string) => readFileSync(file, "utf8").trim() === "";
    const missingOrEmpty = routes.filter((route) => !existsSync(fileOf(route.module)) || isEmpty(fileOf(route.module)));
    expect(missingOrEmpty.map((route) => route.id)).toEqual([]);
    const resourceRoutes = routes.filter((route) => /^routes\/(webhooks|app\.exports)\./.test(route.id));
    expect(resourceRoutes.length).toBeGreaterThan(10);
    expect(new Set(resourceRoutes.map((route) => route.module)).size).toBe(1);
    const emptyFiles = readdirSync(path.join(CLIENT, "assets")).filter((name) => isEmpty(path.join(CLIENT, "assets", name)));
    expect(emptyFiles).toEqual([]);
  });
});
