import type { ProxyRequest } from "./proxy-request.server";
import { findCreatorOfCustomer } from "./creator-of-customer.server";

/** The creator behind a proxy request (logged-in, linked customer, not archived), or null. */
export async function creatorOfRequest(proxy: ProxyRequest) {
  if (!proxy.customerId) return null;
  const creator = await findCreatorOfCustomer(proxy.shop.id, proxy.customerId);
  return creator && creator.status !== "archived" && creator.status !== "declined" && creator.status !== "applied" ? creator : null;
}
