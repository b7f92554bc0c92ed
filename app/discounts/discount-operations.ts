// The Admin GraphQL operations (API 2026-04) the app sends for creators' discount codes. Kept as
// plain documents so a unit test validates each against Shopify's schema
// (app/discounts/discount-operations.test.ts).

/** Whether a code is already used by any code discount in the store (codes are case-insensitive). */
export const DISCOUNT_BY_CODE = `#graphql
  query DiscountByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount { __typename ...on DiscountCodeBasic { title status } }
    }
  }`;

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation CreatorDiscountCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }`;

export const DISCOUNT_CODE_ACTIVATE = `#graphql
  mutation CreatorDiscountActivate($id: ID!) {
    discountCodeActivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }`;

export const DISCOUNT_CODE_DEACTIVATE = `#graphql
  mutation CreatorDiscountDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }`;

/** The state of several code discounts by id; a deleted one comes back as null. */
export const DISCOUNT_STATES = `#graphql
  query CreatorDiscountStates($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ...on DiscountCodeNode {
        codeDiscount {
          __typename
          ...on DiscountCodeBasic { status }
          ...on DiscountCodeBxgy { status }
          ...on DiscountCodeFreeShipping { status }
          ...on DiscountCodeApp { status }
        }
      }
    }
  }`;

export const DISCOUNT_OPERATIONS = {
  DISCOUNT_BY_CODE,
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_ACTIVATE,
  DISCOUNT_CODE_DEACTIVATE,
  DISCOUNT_STATES,
};
