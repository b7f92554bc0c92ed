// The Admin API stand-in's customers and store credit (plugged into fake-shopify-admin.ts as root
// fields, so every operation is still validated against the 2026-04 schema and answered by
// graphql-js in the schema's shapes): customer(id:) with storeCreditAccounts and their
// transactions, customers(query: "email:…"), customerCreate, storeCreditAccountCredit, and
// shop.customerAccountsV2. A test can make the next credits "do the work, then drop the answer"
// (the connection closes before Shopify's answer arrives), as a lost answer looks to the app.

export interface FakeStoreCreditTransaction {
  id: string;
  /** Decimal string, as Shopify's MoneyV2.amount. */
  amount: string;
  currencyCode: string;
  createdAt: string;
}

export interface FakeStoreCreditAccount {
  id: string;
  currencyCode: string;
  transactions: FakeStoreCreditTransaction[];
}

export interface FakeStoreCreditCustomer {
  /** Numeric id (the gid is gid://shopify/Customer/<id>). */
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  accounts: FakeStoreCreditAccount[];
}

export interface FakeStoreCredit {
  customers: Map<string, FakeStoreCreditCustomer>;
  customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS" | "CLASSIC";
  /** Shopify's per-account limit (decimal, any currency): a credit above it gets CREDIT_LIMIT_EXCEEDED. */
  accountLimit: number | null;
  /** Every credit Shopify made, in order: the payments at this rail. */
  credits: { transactionId: string; customerId: string; amount: string; currencyCode: string }[];
  /** customerCreate calls received. */
  customersCreated: string[];
  /** The next `n` storeCreditAccountCredit requests are done, then their answer is dropped. */
  dropAnswers: number;
  /** The next `n` storeCreditAccountCredit requests are refused (CREDIT_LIMIT_EXCEEDED), nothing made. */
  refuseNext: number;
  /** The fake's clock for createdAt (tests may drive it with the app's clock). */
  now: () => Date;
  addCustomer(
    email: string,
    options?: { firstName?: string; accounts?: { currencyCode: string; balance?: string }[] },
  ): FakeStoreCreditCustomer;
  /** A store credit account's balance (sum of its transactions), decimal. */
  balance(customerId: string, currencyCode: string): number;
}

let nextId = 7_000_001;

export function fakeStoreCredit(options: { now?: () => Date } = {}): FakeStoreCredit {
  const customers = new Map<string, FakeStoreCreditCustomer>();
  const store: FakeStoreCredit = {
    customers,
    customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS",
    accountLimit: null,
    credits: [],
    customersCreated: [],
    dropAnswers: 0,
    refuseNext: 0,
    now: options.now ?? (() => new Date()),
    addCustomer(email, { firstName = null, accounts = [] } = {}) {
      const customer: FakeStoreCreditCustomer = {
        id: String(nextId++),
        email,
        firstName: firstName ?? null,
        lastName: null,
        accounts: accounts.map((account) => ({
          id: `gid://shopify/StoreCreditAccount/${nextId++}`,
          currencyCode: account.currencyCode,
          transactions: account.balance
            ? [
                {
                  id: `gid://shopify/StoreCreditAccountCreditTransaction/${nextId++}`,
                  amount: account.balance,
                  currencyCode: account.currencyCode,
                  createdAt: store.now().toISOString(),
                },
              ]
            : [],
        })),
      };
      customers.set(customer.id, customer);
      return customer;
    },
    balance(customerId, currencyCode) {
      const account = customers.get(customerId)?.accounts.find((a) => a.currencyCode === currencyCode);
      return (account?.transactions ?? []).reduce((sum, t) => sum + Number(t.amount), 0);
    },
  };
  return store;
}

const numericId = (gid: string) => String(gid).split("/").pop()!;

function connection<T>(items: T[], args: { first?: number; last?: number; reverse?: boolean }) {
  let nodes = args.reverse ? [...items].reverse() : [...items];
  if (args.first !== undefined) nodes = nodes.slice(0, args.first);
  return { nodes, edges: nodes.map((node, i) => ({ node, cursor: String(i) })), pageInfo: { hasNextPage: false, hasPreviousPage: false } };
}

/** What the Customer object answers, with its store credit accounts. */
export function customerObject(store: FakeStoreCredit, customer: FakeStoreCreditCustomer) {
  return {
    __typename: "Customer",
    id: `gid://shopify/Customer/${customer.id}`,
    defaultEmailAddress: customer.email ? { emailAddress: customer.email } : null,
    firstName: customer.firstName,
    lastName: customer.lastName,
    storeCreditAccounts: (args: { first?: number; query?: string }) => {
      const currency = /currency_code:(\w{3})/.exec(args.query ?? "")?.[1];
      const accounts = customer.accounts.filter((account) => !currency || account.currencyCode === currency);
      return connection(
        accounts.map((account) => accountObject(store, customer, account)),
        args,
      );
    },
  };
}

function accountObject(store: FakeStoreCredit, customer: FakeStoreCreditCustomer, account: FakeStoreCreditAccount) {
  return {
    id: account.id,
    balance: { amount: store.balance(customer.id, account.currencyCode).toFixed(2), currencyCode: account.currencyCode },
    transactions: (args: { first?: number; reverse?: boolean }) =>
      connection(
        account.transactions.map((t) => ({
          __typename: "StoreCreditAccountCreditTransaction",
          id: t.id,
          amount: { amount: t.amount, currencyCode: t.currencyCode },
          createdAt: t.createdAt,
          event: "ADJUSTMENT",
        })),
        args,
      ),
  };
}

/** Query and mutation root fields for fake-shopify-admin.ts. */
export function storeCreditRoots(store: FakeStoreCredit) {
  const byGid = (gid: string) => store.customers.get(numericId(gid));
  return {
    query: {
      customer: ({ id }: { id: string }) => {
        const customer = byGid(id);
        return customer ? customerObject(store, customer) : null;
      },
      customers: (args: { first?: number; query?: string }) => {
        const email = /email:"?([^"\s]+)"?/.exec(args.query ?? "")?.[1]?.toLowerCase();
        const found = [...store.customers.values()].filter((c) => email && c.email?.toLowerCase() === email);
        return connection(
          found.map((c) => customerObject(store, c)),
          args,
        );
      },
    },
    // A function value: graphql-js calls it on each query, so a test may switch the version.
    shopFields: () => ({
      customerAccountsV2: () => ({ customerAccountsVersion: store.customerAccountsVersion, loginRequiredAtCheckout: false }),
    }),
    mutation: {
      customerCreate: ({ input }: { input: { email?: string; firstName?: string; lastName?: string } }) => {
        const taken = [...store.customers.values()].some((c) => c.email?.toLowerCase() === input.email?.toLowerCase());
        if (taken) return { customer: null, userErrors: [{ field: ["email"], message: "Email has already been taken" }] };
        const customer = store.addCustomer(String(input.email), { firstName: input.firstName });
        store.customersCreated.push(customer.id);
        return { customer: customerObject(store, customer), userErrors: [] };
      },
      storeCreditAccountCredit: ({
        id,
        creditInput,
      }: {
        id: string;
        creditInput: { creditAmount: { amount: string; currencyCode: string } };
      }) => {
        const refuse = (code: string, message: string) => ({
          storeCreditAccountTransaction: null,
          userErrors: [{ code, field: ["creditInput"], message }],
        });
        const customer = byGid(id);
        if (!customer) return refuse("OWNER_NOT_FOUND", "Owner does not exist");
        const { amount, currencyCode } = creditInput.creditAmount;
        if (!(Number(amount) > 0)) return refuse("NEGATIVE_OR_ZERO_AMOUNT", "A positive amount must be used");
        let account = customer.accounts.find((a) => a.currencyCode === currencyCode);
        const refused = store.refuseNext > 0;
        if (refused) store.refuseNext -= 1;
        if (refused || (store.accountLimit !== null && store.balance(customer.id, currencyCode) + Number(amount) > store.accountLimit)) {
          return refuse("CREDIT_LIMIT_EXCEEDED", "The operation would cause the account's credit limit to be exceeded");
        }
        if (!account) {
          account = { id: `gid://shopify/StoreCreditAccount/${nextId++}`, currencyCode, transactions: [] };
          customer.accounts.push(account);
        }
        const transaction = {
          id: `gid://shopify/StoreCreditAccountCreditTransaction/${nextId++}`,
          amount,
          currencyCode,
          createdAt: store.now().toISOString(),
        };
        account.transactions.push(transaction);
        store.credits.push({ transactionId: transaction.id, customerId: customer.id, amount, currencyCode });
        return {
          storeCreditAccountTransaction: {
            id: transaction.id,
            amount: { amount, currencyCode },
            createdAt: transaction.createdAt,
            account: accountObject(store, customer, account),
          },
          userErrors: [],
        };
      },
    },
  };
}
