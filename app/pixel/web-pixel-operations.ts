// The Admin GraphQL operations that activate the app's Web Pixel (API 2026-04; checked against
// Shopify's schema by the test stand-in). The settings match extensions/referral-pixel/shopify.extension.toml.
export const STOREFRONT_DOMAIN = `#graphql
  query StorefrontDomainForPixel {
    shop { primaryDomain { host } }
  }`;

export const WEB_PIXEL = `#graphql
  query CreatorPayoutsWebPixel {
    webPixel { id }
  }`;

export const WEB_PIXEL_CREATE = `#graphql
  mutation CreatorPayoutsWebPixelCreate($webPixel: WebPixelInput!) {
    webPixelCreate(webPixel: $webPixel) {
      webPixel { id }
      userErrors { field code message }
    }
  }`;

export const WEB_PIXEL_UPDATE = `#graphql
  mutation CreatorPayoutsWebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {
    webPixelUpdate(id: $id, webPixel: $webPixel) {
      webPixel { id }
      userErrors { field code message }
    }
  }`;
