// The Admin API stand-in's gift cards (plugged into fake-shopify-admin.ts as root fields, so every
// operation is still validated against the 2026-04 schema and answered by graphql-js in the
// schema's shapes): giftCardCreate (the full code only in its answer, `giftCardCode`),
// giftCards(query:) with Shopify's search syntax for source and created_at, giftCard(id:),
// giftCardDeactivate, giftCardConfiguration and shop.features.giftCards. A test can make the next
// creates "do the work, then drop the answer" (the connection closes before Shopify's answer
// arrives), as a lost answer looks to the app.

export interface FakeGiftCard {
  id: string;
  code: string;
  note: string | null;
  /** Decimal strings, as Shopify's MoneyV2.amount. */
  initialValue: string;
  balance: string;
  currencyCode: string;
  customerId: string | null;
  createdAt: string;
  deactivatedAt: string | null;
  /** How it was made: the app's cards are `api_client`. */
  source: "api_client" | "manual";
}

export interface FakeGiftCards {
  cards: FakeGiftCard[];
  /** shop.features.giftCards: false plays a plan without gift cards. */
  allowed: boolean;
  currencyCode: string;
  /** giftCardConfiguration.issueLimit (decimal); a create above it gets GIFT_CARD_LIMIT_EXCEEDED. */
  issueLimit: string;
  /** The next `n` giftCardCreate requests are done, then their answer is dropped. */
  dropAnswers: number;
  /** The next `n` giftCardCreate requests are refused with this userError code, nothing made. */
  refuseNext: number;
  refuseWith: string;
  now: () => Date;
  /** A card made by someone else (the merchant by hand, another app). */
  addCard(card: Partial<FakeGiftCard> & { initialValue: string }): FakeGiftCard;
  /** Spends part of a card, as a checkout would. */
  spend(id: string, amount: string): void;
}

let nextId = 9_100_001;

export function fakeGiftCards(options: { now?: () => Date; currencyCode?: string } = {}): FakeGiftCards {
  const store: FakeGiftCards = {
    cards: [],
    allowed: true,
    currencyCode: options.currencyCode ?? "USD",
    issueLimit: "2000.00",
    dropAnswers: 0,
    refuseNext: 0,
    refuseWith: "INVALID",
    now: options.now ?? (() => new Date()),
    addCard(card) {
      const made: FakeGiftCard = {
        id: `gid://shopify/GiftCard/${nextId++}`,
        code: `manual${nextId}code`,
        note: null,
        balance: card.initialValue,
        currencyCode: store.currencyCode,
        customerId: null,
        createdAt: store.now().toISOString(),
        deactivatedAt: null,
        source: "manual",
        ...card,
      };
      store.cards.push(made);
      return made;
    },
    spend(id, amount) {
      const card = store.cards.find((c) => c.id === id)!;
      card.balance = (Number(card.balance) - Number(amount)).toFixed(2);
    },
  };
  return store;
}

function giftCardObject(card: FakeGiftCard) {
  return {
    id: card.id,
    note: card.note,
    createdAt: card.createdAt,
    updatedAt: card.createdAt,
    enabled: card.deactivatedAt === null,
    deactivatedAt: card.deactivatedAt,
    expiresOn: null,
    lastCharacters: card.code.slice(-4),
    maskedCode: `•••• •••• •••• ${card.code.slice(-4)}`,
    initialValue: { amount: card.initialValue, currencyCode: card.currencyCode },
    balance: { amount: card.balance, currencyCode: card.currencyCode },
    customer: card.customerId ? { id: card.customerId } : null,
  };
}

/** The cards Shopify's search `source:… created_at:>='…' created_at:<='…'` finds (the terms the app sends). */
function search(cards: FakeGiftCard[], query: string): FakeGiftCard[] {
  const source = /source:(\w+)/.exec(query)?.[1];
  const from = /created_at:>='?([^'\s]+)'?/.exec(query)?.[1];
  const to = /created_at:<='?([^'\s]+)'?/.exec(query)?.[1];
  return cards
    .filter((c) => !source || c.source === source)
    .filter((c) => !from || Date.parse(c.createdAt) >= Date.parse(from))
    .filter((c) => !to || Date.parse(c.createdAt) <= Date.parse(to))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/** Query and mutation root fields for fake-shopify-admin.ts. */
export function giftCardRoots(store: FakeGiftCards) {
  return {
    query: {
      giftCard: ({ id }: { id: string }) => {
        const card = store.cards.find((c) => c.id === id);
        return card ? giftCardObject(card) : null;
      },
      giftCards: (args: { first?: number; after?: string | null; query?: string }) => {
        const found = search(store.cards, args.query ?? "");
        const start = args.after ? Number(args.after) + 1 : 0;
        const page = found.slice(start, start + (args.first ?? 50));
        const edges = page.map((card, i) => ({ node: giftCardObject(card), cursor: String(start + i) }));
        return {
          nodes: edges.map((e) => e.node),
          edges,
          pageInfo: {
            hasNextPage: start + page.length < found.length,
            hasPreviousPage: start > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
      giftCardConfiguration: () => ({
        issueLimit: { amount: store.issueLimit, currencyCode: store.currencyCode },
        purchaseLimit: { amount: store.issueLimit, currencyCode: store.currencyCode },
        expirationConfiguration: null,
      }),
    },
    shopFields: () => ({ features: () => ({ giftCards: store.allowed }) }),
    mutation: {
      giftCardCreate: ({ input }: { input: { code?: string; initialValue: string; note?: string; customerId?: string } }) => {
        const refuse = (code: string, message: string, field = ["input"]) => ({
          giftCard: null,
          giftCardCode: null,
          userErrors: [{ code, field, message }],
        });
        if (store.refuseNext > 0) {
          store.refuseNext -= 1;
          return refuse(store.refuseWith, "Gift cards are not available on this shop's plan");
        }
        if (!store.allowed) return refuse("INVALID", "Gift cards are not available on this shop's plan");
        if (!(Number(input.initialValue) > 0))
          return refuse("GREATER_THAN", "Initial value must be greater than 0", ["input", "initialValue"]);
        if (Number(input.initialValue) > Number(store.issueLimit)) {
          return refuse("GIFT_CARD_LIMIT_EXCEEDED", "Initial value exceeds the gift card issue limit", ["input", "initialValue"]);
        }
        const code = input.code ?? Math.random().toString(36).slice(2, 18);
        if (!/^[a-z0-9]{8,20}$/i.test(code)) return refuse("INVALID", "Code is invalid", ["input", "code"]);
        if (store.cards.some((c) => c.code.toLowerCase() === code.toLowerCase()))
          return refuse("TAKEN", "Code has already been taken", ["input", "code"]);
        const card = store.addCard({
          code,
          note: input.note ?? null,
          initialValue: Number(input.initialValue).toFixed(2),
          customerId: input.customerId ?? null,
          source: "api_client",
        });
        return { giftCard: giftCardObject(card), giftCardCode: card.code, userErrors: [] };
      },
      giftCardDeactivate: ({ id }: { id: string }) => {
        const card = store.cards.find((c) => c.id === id);
        if (!card) return { giftCard: null, userErrors: [{ code: "GIFT_CARD_NOT_FOUND", field: ["id"], message: "Gift card not found" }] };
        card.deactivatedAt ??= store.now().toISOString();
        return { giftCard: giftCardObject(card), userErrors: [] };
      },
    },
  };
}
