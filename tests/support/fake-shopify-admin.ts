// A local stand-in for the Shopify Admin GraphQL API (unreachable from tests): it answers the
// queries the app sends, in Shopify's wire format, and checks the access token.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeShopifyAdmin {
  origin: string;
  requests: { path: string; token: string | undefined; body: { query: string; variables?: Record<string, unknown> } }[];
  close(): Promise<void>;
}

export async function startFakeShopifyAdmin(options: {
  accessToken: string;
  productCollections: Record<string, string[]>;
}): Promise<FakeShopifyAdmin> {
  const requests: FakeShopifyAdmin["requests"] = [];
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || "{}");
    const token = req.headers["x-shopify-access-token"] as string | undefined;
    requests.push({ path: req.url ?? "", token, body });
    res.setHeader("Content-Type", "application/json");
    if (token !== options.accessToken) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }));
    }
    if (!/^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/.test(req.url ?? "")) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ errors: "Not Found" }));
    }
    const ids = (body.variables?.ids ?? []) as string[];
    const nodes = ids.map((gid) => {
      const id = gid.split("/").pop()!;
      const collections = options.productCollections[id];
      return collections
        ? { id: gid, collections: { nodes: collections.map((c) => ({ id: `gid://shopify/Collection/${c}` })) } }
        : null;
    });
    res.end(JSON.stringify({ data: { nodes }, extensions: { cost: { requestedQueryCost: ids.length + 1 } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
