import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isDemoMode } from "~/demo/demo-mode.server";

// Shopify opens the app at its URL with ?shop=…&host=…; keep the query for the embedded auth.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (isDemoMode() || url.searchParams.has("shop")) {
    throw redirect(`/app${url.search}`);
  }
  return new Response("Creator Payouts is a Shopify app: open it from your Shopify admin.", {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
