import { adminGraphql } from "../lib/shopify-admin-graphql.server";
import type { PortalCustomer } from "./portal-customer";

// defaultEmailAddress, not the deprecated Customer.email (2026-04 deprecates it).
const QUERY = `#graphql
  query PortalCustomer($id: ID!) {
    customer(id: $id) { id defaultEmailAddress { emailAddress } firstName lastName }
  }`;

interface CustomerData {
  customer: { id: string; defaultEmailAddress: { emailAddress: string } | null; firstName: string | null; lastName: string | null } | null;
}

/**
 * The logged-in customer's email and name, read with the shop's offline token (the app proxy
 * only says who is logged in). Only called where the portal needs them: an invitation or an
 * application. Throws when the Admin API cannot answer (the route shows a retry message).
 */
export async function readCustomerProfile(shopDomain: string, accessToken: string, customerId: string): Promise<PortalCustomer> {
  const { customer } = await adminGraphql<CustomerData>({ shopDomain, accessToken }, QUERY, {
    purpose: "read your customer profile",
    variables: { id: `gid://shopify/Customer/${customerId}` },
  });
  return {
    shopifyCustomerId: customerId,
    email: customer?.defaultEmailAddress?.emailAddress.trim() || null,
    firstName: customer?.firstName ?? null,
    lastName: customer?.lastName ?? null,
  };
}
