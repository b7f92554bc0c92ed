import { adminOrigin } from "../lib/shopify-admin-origin.server";
import { apiVersion } from "../shopify.server";
import type { PortalCustomer } from "./portal-customer";

const QUERY = `#graphql
  query PortalCustomer($id: ID!) {
    customer(id: $id) { id email firstName lastName }
  }`;

interface CustomerResponse {
  data?: { customer: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null };
  errors?: { message: string }[];
}

/**
 * The logged-in customer's email and name, read with the shop's offline token (the app proxy
 * only says who is logged in). Only called where the portal needs them: an invitation or an
 * application. Throws when the Admin API cannot answer (the route shows a retry message).
 */
export async function readCustomerProfile(shopDomain: string, accessToken: string, customerId: string): Promise<PortalCustomer> {
  const response = await fetch(`${adminOrigin(shopDomain)}/admin/api/${apiVersion}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": accessToken },
    body: JSON.stringify({ query: QUERY, variables: { id: `gid://shopify/Customer/${customerId}` } }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`Admin API answered ${response.status} for a customer`);
  const body = (await response.json()) as CustomerResponse;
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
  const customer = body.data?.customer;
  return {
    shopifyCustomerId: customerId,
    email: customer?.email?.trim() || null,
    firstName: customer?.firstName ?? null,
    lastName: customer?.lastName ?? null,
  };
}
