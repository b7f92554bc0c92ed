// The Admin GraphQL documents of the store credit rail (API 2026-04; validated in tests against
// tests/fixtures/shopify/admin-2026-04.graphql by the Admin stand-in).

const ACCOUNTS = `storeCreditAccounts(first: 10) { nodes { id balance { amount currencyCode } } }`;

export const STORE_CREDIT_CUSTOMER_BY_ID = `#graphql
  query StoreCreditCustomerById($id: ID!) {
    shop { customerAccountsV2 { customerAccountsVersion } }
    customer(id: $id) { id ${ACCOUNTS} }
  }`;

export const STORE_CREDIT_CUSTOMER_BY_EMAIL = `#graphql
  query StoreCreditCustomerByEmail($query: String!) {
    shop { customerAccountsV2 { customerAccountsVersion } }
    customers(first: 1, query: $query) { nodes { id ${ACCOUNTS} } }
  }`;

export const STORE_CREDIT_CUSTOMER_CREATE = `#graphql
  mutation StoreCreditCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) { customer { id } userErrors { field message } }
  }`;

export const STORE_CREDIT_ACCOUNT_CREDIT = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id }
      userErrors { code field message }
    }
  }`;

/** The newest credits of the customer's account in one currency (a lost answer is matched among them). */
export const STORE_CREDIT_RECENT_CREDITS = `#graphql
  query StoreCreditRecentCredits($id: ID!, $accounts: String!) {
    customer(id: $id) {
      storeCreditAccounts(first: 1, query: $accounts) {
        nodes {
          transactions(first: 100, reverse: true, query: "type:credit") {
            nodes { __typename amount { amount currencyCode } createdAt ... on StoreCreditAccountCreditTransaction { id } }
          }
        }
      }
    }
  }`;
