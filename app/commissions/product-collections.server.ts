import { db } from "../db.server";
import { adminOrigin } from "../lib/shopify-admin-origin.server";
import { apiVersion } from "../shopify.server";

const QUERY = `#graphql
  query ProductCollections($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Product { id collections(first: 250) { nodes { id } } } }
  }`;

interface ProductCollectionsResponse {
  data?: { nodes: ({ id: string; collections: { nodes: { id: string }[] } } | null)[] };
  errors?: { message: string }[];
}

const numericId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/**
 * Which collections each product is in, for per-collection commission rates. Only called when
 * the plan has collection overrides; failures throw so the job is retried.
 */
export async function fetchProductCollections(shopDomain: string, productIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (productIds.length === 0) return result;
  const session = await db().session.findFirst({ where: { shop: shopDomain, isOnline: false } });
  if (!session) throw new Error(`no offline session for ${shopDomain}: cannot read product collections`);
  const response = await fetch(`${adminOrigin(shopDomain)}/admin/api/${apiVersion}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": session.accessToken },
    body: JSON.stringify({ query: QUERY, variables: { ids: productIds.map((id) => `gid://shopify/Product/${id}`) } }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`Admin API answered ${response.status} for product collections`);
  const body = (await response.json()) as ProductCollectionsResponse;
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
  for (const node of body.data?.nodes ?? []) {
    if (node)
      result.set(
        numericId(node.id),
        node.collections.nodes.map((c) => numericId(c.id)),
      );
  }
  return result;
}
