// Before a store credit payout is claimed (outside any transaction): whom the credit goes to.
// The creator's linked customer first, else the store's customer with the creator's email; with
// the merchant's consent for this payout, a new customer with that email (customerCreate).
// Also what the store's customer accounts are and which currencies the customer's accounts hold,
// so every refusal (store-credit-rules.ts) is decided before anything is sent.
import { db } from "../../db.server";
import { DomainError } from "../../domain/errors";
import { parseDecimalString } from "../../domain/money";
import { storeCreditGraphql, WRITE_CUSTOMERS, WRITE_STORE_CREDIT } from "./store-credit-admin.server";
import { STORE_CREDIT_CUSTOMER_BY_EMAIL, STORE_CREDIT_CUSTOMER_BY_ID, STORE_CREDIT_CUSTOMER_CREATE } from "./store-credit-operations";
import type { StoreCreditTarget } from "./store-credit-rules";

interface CustomerWithAccounts {
  id: string;
  storeCreditAccounts: { nodes: { id: string; balance: { amount: string; currencyCode: string } }[] };
}
type AccountsVersion = StoreCreditTarget["accountsVersion"];
interface ShopAccounts {
  shop: { customerAccountsV2: { customerAccountsVersion: AccountsVersion } };
}

const customerGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Customer/${id}`);

function accountsOf(customer: CustomerWithAccounts): StoreCreditTarget["accounts"] {
  return customer.storeCreditAccounts.nodes.map((account) => ({
    currency: account.balance.currencyCode,
    balanceMinor: parseDecimalString(account.balance.amount, account.balance.currencyCode).amountMinor,
  }));
}

export async function findStoreCreditTarget(
  shopId: string,
  creatorId: string,
  options: { mayCreateCustomer: boolean },
): Promise<StoreCreditTarget> {
  const creator = await db().creator.findFirstOrThrow({
    where: { id: creatorId, shopId },
    select: { name: true, email: true, shopifyCustomerId: true, shop: { select: { currency: true } } },
  });
  const base = { creatorName: creator.name, shopCurrency: creator.shop.currency };
  const purpose = "find the creator's customer account for store credit";
  let version: AccountsVersion;
  let customer: CustomerWithAccounts | null = null;
  if (creator.shopifyCustomerId) {
    const data = await storeCreditGraphql<ShopAccounts & { customer: CustomerWithAccounts | null }>(shopId, STORE_CREDIT_CUSTOMER_BY_ID, {
      purpose,
      variables: { id: customerGid(creator.shopifyCustomerId) },
    });
    version = data.shop.customerAccountsV2.customerAccountsVersion;
    customer = data.customer;
  } else {
    const data = await storeCreditGraphql<ShopAccounts & { customers: { nodes: CustomerWithAccounts[] } }>(
      shopId,
      STORE_CREDIT_CUSTOMER_BY_EMAIL,
      { purpose, variables: { query: `email:"${creator.email.replace(/["\\]/g, "")}"` } },
    );
    version = data.shop.customerAccountsV2.customerAccountsVersion;
    customer = data.customers.nodes[0] ?? null;
  }
  if (customer) return { ...base, accountsVersion: version, customerId: customer.id, accounts: accountsOf(customer) };
  if (!options.mayCreateCustomer || version !== "NEW_CUSTOMER_ACCOUNTS") {
    return { ...base, accountsVersion: version, customerId: null, accounts: [] };
  }
  const [firstName, ...rest] = creator.name.trim().split(/\s+/);
  const created = await storeCreditGraphql<{
    customerCreate: { customer: { id: string } | null; userErrors: { field: string[] | null; message: string }[] };
  }>(shopId, STORE_CREDIT_CUSTOMER_CREATE, {
    purpose: "create the creator's customer account",
    variables: { input: { email: creator.email, firstName, lastName: rest.join(" ") || null } },
    scopes: [WRITE_STORE_CREDIT, WRITE_CUSTOMERS],
  });
  const id = created.customerCreate.customer?.id;
  if (!id) {
    const said = created.customerCreate.userErrors.map((e) => e.message).join("; ");
    throw new DomainError(
      "store_credit_customer_not_created",
      `Shopify did not create the customer account (${said}). Fix it in Shopify, or pay another way.`,
    );
  }
  return { ...base, accountsVersion: version, customerId: id, accounts: [] };
}
