// A local stand-in for the Shopify Admin GraphQL API (unreachable from tests): it answers the
// queries the app sends, in Shopify's wire format, and checks the access token.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeShopifyAdmin {
  origin: string;
  requests: { path: string; token: string | undefined; body: { query: string; variables?: Record<string, unknown> } }[];
  close(): Promise<void>;
}

export interface FakeCustomer {
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export async function startFakeShopifyAdmin(options: {
  accessToken: string;
  productCollections?: Record<string, string[]>;
  /** Answers `customer(id:)` queries, by numeric customer id (unknown id → null, as Shopify does). */
  customers?: Record<string, FakeCustomer>;
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
    if (/\bcustomer\(id:/.test(body.query ?? "")) {
      const gid = String(body.variables?.id ?? "");
      const customer = options.customers?.[gid.split("/").pop()!];
      const node = customer
        ? { id: gid, email: customer.email, firstName: customer.firstName ?? null, lastName: customer.lastName ?? null }
        : null;
      return res.end(JSON.stringify({ data: { customer: node }, extensions: { cost: { requestedQueryCost: 1 } } }));
    }
    const ids = (body.variables?.ids ?? []) as string[];
    const nodes = ids.map((gid) => {
      const id = gid.split("/").pop()!;
      const collections = options.productCollections?.[id];
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
