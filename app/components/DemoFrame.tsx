import { useLocation } from "@remix-run/react";
import { Banner, Box, Frame, Navigation, TopBar } from "@shopify/polaris";
import { useCallback, useState, type ReactNode } from "react";
import { ADMIN_NAVIGATION } from "./navigation";

/**
 * Demo mode's stand-in for the Shopify admin around the app: a side menu and a notice. On phones
 * the menu folds away behind the top bar's menu button, as in the Shopify admin.
 */
export function DemoFrame({ shopName, children }: { shopName: string; children: ReactNode }) {
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleMenu = useCallback(() => setMenuOpen((open) => !open), []);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  const navigation = (
    <Navigation location={location.pathname} ariaLabelledBy="demo-navigation-title" onDismiss={closeMenu}>
      <Box padding="400">
        <span id="demo-navigation-title">Creator Payouts · {shopName}</span>
      </Box>
      <Navigation.Section
        items={ADMIN_NAVIGATION.map((item) => ({
          label: item.label,
          url: item.url,
          exactMatch: item.url === "/app",
          onClick: closeMenu,
        }))}
      />
    </Navigation>
  );
  return (
    <Frame
      topBar={<TopBar showNavigationToggle onNavigationToggle={toggleMenu} />}
      navigation={navigation}
      showMobileNavigation={menuOpen}
      onNavigationDismiss={closeMenu}
    >
      <Box paddingBlockStart="400" paddingInline="400">
        <Banner tone="warning" title="Demo mode">
          Development only: sample data, no Shopify sign-in. Never expose this server.
        </Banner>
      </Box>
      {children}
    </Frame>
  );
}
