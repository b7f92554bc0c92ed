// Settings: whether the app's storefront pixel is active, and "Activate again" when it is not.
import { Banner, BlockStack, Button, Card, Layout, Text } from "@shopify/polaris";
import { Form, useNavigation } from "@remix-run/react";

export interface WebPixelState {
  active: boolean;
  error: string | null;
}

export function WebPixelStatus({ pixel, result }: { pixel: WebPixelState; result: { ok: boolean; message: string } | null }) {
  const navigation = useNavigation();
  const activating = navigation.state === "submitting" && navigation.formData?.get("intent") === "activate_pixel";
  return (
    <Layout.AnnotatedSection
      title="Storefront pixel"
      description="The app's Web Pixel counts referral-link visits and credits orders that carry no code or referral attribute. The app activates it when it is installed."
    >
      <Card>
        <BlockStack gap="300">
          {result && <Banner tone={result.ok ? "success" : "critical"} title={result.message} />}
          {pixel.active ? (
            <Text as="p">The pixel is active on your store.</Text>
          ) : (
            <Banner tone="warning" title="The storefront pixel is not active">
              <p>{pixel.error ?? "The app has not activated its pixel on this store yet."}</p>
            </Banner>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="activate_pixel" />
            <Button submit loading={activating}>
              {pixel.active ? "Refresh pixel settings" : "Activate again"}
            </Button>
          </Form>
        </BlockStack>
      </Card>
    </Layout.AnnotatedSection>
  );
}
