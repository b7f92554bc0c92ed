import { useLocation } from "@remix-run/react";
import { Banner, Box, Frame, Navigation } from "@shopify/polaris";
import type { ReactNode } from "react";
import { ADMIN_NAVIGATION } from "./navigation";

/** Demo mode's stand-in for the Shopify admin around the app: a side menu and a notice. */
export function DemoFrame({ shopName, children }: { shopName: string; children: ReactNode }) {
  const location = useLocation();
  const navigation = (
    <Navigation location={location.pathname} ariaLabelledBy="demo-navigation-title">
      <Box padding="400">
        <span id="demo-navigation-title">Creator Payouts · {shopName}</span>
      </Box>
      <Navigation.Section
        items={ADMIN_NAVIGATION.map((item) => ({
          label: item.label,
          url: item.url,
          exactMatch: item.url === "/app",
        }))}
      />
    </Navigation>
  );
  return (
    <Frame navigation={navigation}>
      <Box paddingBlockStart="400" paddingInline="400">
        <Banner tone="warning" title="Demo mode">
          Development only: sample data, no Shopify sign-in. Never expose this server.
        </Banner>
      </Box>
      {children}
    </Frame>
  );
}
