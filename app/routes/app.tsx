import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { requireStaff } from "~/auth/require-staff.server";
import { env } from "~/env.server";
import { DemoFrame } from "~/components/DemoFrame";
import { FeedbackProvider } from "~/components/Feedback";
import { ADMIN_NAVIGATION } from "~/components/navigation";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const staff = await requireStaff(request);
  return {
    apiKey: env().SHOPIFY_API_KEY,
    demo: staff.demo,
    shopName: staff.shop.name,
  };
};

export default function AdminLayout() {
  const { apiKey, demo, shopName } = useLoaderData<typeof loader>();
  if (demo) {
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <DemoFrame shopName={shopName}>
          <FeedbackProvider embedded={false}>
            <Outlet />
          </FeedbackProvider>
        </DemoFrame>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        {ADMIN_NAVIGATION.map((item, index) => (
          <Link key={item.url} to={item.url} rel={index === 0 ? "home" : undefined}>
            {item.label}
          </Link>
        ))}
      </NavMenu>
      <FeedbackProvider embedded>
        <Outlet />
      </FeedbackProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch thrown responses (auth redirects) and add its headers.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
