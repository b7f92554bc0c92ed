import { db } from "../db.server";
import { adminGraphql } from "../lib/shopify-admin-graphql.server";

const QUERY = `#graphql
  query ProductCollections($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Product { id collections(first: 250) { nodes { id } } } }
  }`;

interface ProductCollectionsData {
  // A node that is no product (or no longer exists) answers null or an empty object.
  nodes: ({ id?: string; collections?: { nodes: { id: string }[] } } | null)[];
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
  const data = await adminGraphql<ProductCollectionsData>({ shopDomain, accessToken: session.accessToken }, QUERY, {
    purpose: "read which collections the ordered products are in",
    variables: { ids: productIds.map((id) => `gid://shopify/Product/${id}`) },
  });
  for (const node of data.nodes) {
    if (node?.id && node.collections)
      result.set(
        numericId(node.id),
        node.collections.nodes.map((c) => numericId(c.id)),
      );
  }
  return result;
}
