// The portal fragment: server-rendered, escaped HTML that the block injects (creator-portal.js).
// Mobile first and accessible: h3 headings under the block's h2, labelled fields, errors tied to
// their field, statuses in words (never colour alone), one live region for outcomes. Styling comes
// from the block's stylesheet and CSS variables (fonts and colours inherit from the theme).
import { PORTAL_PROXY_PATH } from "../creators/invite-creator.server";
import { formatShopDateInLanguage } from "../domain/calendar";
import { MAX_AMOUNT_MINOR } from "../domain/amount-limits";
import { formatMoney, toDecimalString, type DisplayMinor } from "../domain/money";
import { buildShareLink, parseStorePath } from "../domain/share-link";
import { qrCodeSvgDataUrl } from "../share-links/qr-code-svg";
import { html, join, type Html, type Part } from "./html";
import { intlLocale, portalStrings, type PortalLocale, type PortalStrings } from "./portal-strings";
import type { PortalPayout, PortalView } from "./read-portal-view.server";
import type { PayoutMethod } from "@prisma/client";
import { taxFormSection } from "./render-tax-form-section";

/** The outcome of the last action, shown next to its form. */
export interface PortalNotice {
  /** Which form it belongs to: intent, plus the row id for per-row forms. */
  form: string;
  kind: "success" | "error";
  /** The HTTP status the page answers with (app/http/domain-error-status.ts for errors). */
  status: number;
  message: string;
  fieldErrors: Record<string, string>;
  /** What the customer typed, to put back in the form after an error. */
  values: Record<string, string>;
  /** "Show code" answered: the gift card code this answer (a POST, never cached) shows. */
  giftCardCode?: { payoutId: string; code: string };
}

export interface RenderContext {
  locale: PortalLocale;
  token: string;
  notice: PortalNotice | null;
  /** Query kept on the portal's own URLs (forms, pagination), e.g. "&show_balances=false". */
  keptQuery?: string;
  /** Set once the notice is shown next to its form; otherwise the portal shows it at the top. */
  noticeShown?: boolean;
  /** The path the creator asked links for (the link builder's `link_path`), if any. */
  linkPath?: string | null;
}

export const portalPath = (locale: PortalLocale, extra = "") => `${PORTAL_PROXY_PATH}/portal?locale=${locale}${extra}`;

// Intl formatters are costly to build (a page shows dozens of amounts and dates): one per
// locale and currency or time zone, kept for the life of the process.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

function formatAmount(amountMinor: DisplayMinor, currency: string, locale: PortalLocale): string {
  return formatMoney({ amountMinor, currency }, intlLocale(locale));
}

function formatDate(value: Date | string, locale: PortalLocale, timeZone: string): string {
  return formatShopDateInLanguage(value, timeZone, intlLocale(locale));
}

// ------------------------------------------------------------------ forms

function tokenField(token: string) {
  return html`<input type="hidden" name="_portal_token" value="${token}">`;
}

export function noticeFor(ctx: RenderContext, form: string): Html {
  const notice = ctx.notice;
  if (!notice || notice.form !== form) return html``;
  ctx.noticeShown = true;
  const fieldCount = Object.keys(notice.fieldErrors).length;
  const text = notice.kind === "error" && fieldCount > 0 && !notice.message ? portalStrings(ctx.locale).formError : notice.message;
  return notice.kind === "success"
    ? html`<p class="creator-portal__notice creator-portal__notice--success" data-portal-notice tabindex="-1"><span aria-hidden="true">✓ </span>${text}</p>`
    : html`<p class="creator-portal__notice creator-portal__notice--error" role="alert" data-portal-notice tabindex="-1"><span aria-hidden="true">⚠ </span>${text}</p>`;
}

interface FieldOptions {
  form: string;
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  value?: string;
  hint?: string;
  attrs?: Html;
  multiline?: boolean;
}

export function field(ctx: RenderContext, options: FieldOptions): Html {
  const id = `cp-${options.form}-${options.name}`.replace(/[^A-Za-z0-9_-]/g, "-");
  const error = ctx.notice?.form === options.form ? ctx.notice.fieldErrors[options.name] : undefined;
  const typed = ctx.notice?.form === options.form ? ctx.notice.values[options.name] : undefined;
  const value = typed ?? options.value ?? "";
  const describedBy = [options.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = html`id="${id}" name="${options.name}" ${options.required ? html`required` : ""} ${
    describedBy ? html`aria-describedby="${describedBy}"` : ""
  } ${error ? html`aria-invalid="true"` : ""} ${options.attrs ?? ""}`;
  const control = options.multiline
    ? html`<textarea class="creator-portal__input" rows="3" ${common}>${value}</textarea>`
    : options.type === "file"
      ? html`<input class="creator-portal__input" type="file" ${common}>`
      : html`<input class="creator-portal__input" type="${options.type ?? "text"}" value="${value}" ${common}>`;
  return html`<div class="creator-portal__field">
  <label for="${id}">${options.label}</label>
  ${options.hint ? html`<p class="creator-portal__hint" id="${id}-hint">${options.hint}</p>` : ""}
  ${control}
  ${error ? html`<p class="creator-portal__field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : ""}
</div>`;
}

export function form(ctx: RenderContext, intent: string, body: Html, options: { multipart?: boolean; label?: string } = {}): Html {
  return html`<form class="creator-portal__form" method="post" action="${portalPath(ctx.locale, ctx.keptQuery ?? "")}" data-portal-form${
    options.multipart ? html` enctype="multipart/form-data"` : ""
  }${options.label ? html` aria-label="${options.label}"` : ""}>
  ${tokenField(ctx.token)}<input type="hidden" name="intent" value="${intent}">
  ${body}
</form>`;
}

export function section(id: string, title: string, body: Html | (Html | string)[]): Html {
  return html`<section class="creator-portal__section" aria-labelledby="${id}">
  <h3 class="creator-portal__section-heading" id="${id}">${title}</h3>
  ${body}
</section>`;
}

/** A row: its header cell (what the row is about), then one cell per further column. */
type TableRow = readonly [Part, ...Part[]];

// Every cell carries its column's name (data-label): below 750 px the stylesheet stacks each row
// into a card and shows that name before the value, so nothing scrolls sideways on a phone.
function table(caption: string, head: string[], rows: readonly TableRow[]): Html {
  return html`<div class="creator-portal__table-wrap" role="region" aria-label="${caption}" tabindex="0">
<table class="creator-portal__table"><caption class="creator-portal__visually-hidden">${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map(
    ([first, ...rest]) =>
      html`<tr><th scope="row" data-label="${head[0]}">${first}</th>${rest.map((cell, i) => html`<td data-label="${head[i + 1]}">${cell}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

const statusTag = (label: string) => html`<span class="creator-portal__status-tag">${label}</span>`;

function copyable(id: string, label: string, value: string, t: PortalStrings): Html {
  return html`<div class="creator-portal__field creator-portal__copy">
  <label for="${id}">${label}</label>
  <div class="creator-portal__copy-row">
    <input class="creator-portal__input" id="${id}" type="text" readonly value="${value}">
    <button type="button" class="creator-portal__button" data-portal-copy="${id}" data-copied-text="${t.copied}" data-copied-label="${t.copiedShort}" data-copy-failed-text="${t.copyFailed}">${t.copy}<span class="creator-portal__visually-hidden"> ${label}</span></button>
  </div>
</div>`;
}

// ------------------------------------------------------------------ fragments for non-creators

export function renderLogIn(locale: PortalLocale): Html {
  const t = portalStrings(locale);
  return html`<div class="creator-portal__panel" data-portal-root>
  <h3 class="creator-portal__section-heading">${t.logInTitle}</h3>
  <p>${t.logInText}</p>
  <a class="creator-portal__button" href="/account/login">${t.logIn}</a>
</div>`;
}

export function renderNotice(locale: PortalLocale, message: string, options: { alert?: boolean } = {}): Html {
  return html`<div class="creator-portal__panel" data-portal-root>
  <p class="creator-portal__notice${options.alert ? " creator-portal__notice--error" : ""}" ${options.alert ? html`role="alert"` : ""} data-portal-notice tabindex="-1">${message}</p>
</div>`;
}

export function renderNotCreator(
  ctx: RenderContext,
  state: {
    selfSignupEnabled: boolean;
    application: "applied" | "declined" | "invited" | "paused" | "archived" | null;
    suggestedName: string;
  },
): Html {
  const t = portalStrings(ctx.locale);
  const status = (message: string) => html`<p class="creator-portal__notice" data-portal-notice tabindex="-1">${message}</p>`;
  if (state.application === "applied")
    return html`<div class="creator-portal__panel" data-portal-root>${noticeFor(ctx, "apply")}${ctx.notice?.form === "apply" ? "" : status(t.applicationUnderReview)}</div>`;
  if (state.application === "declined")
    return html`<div class="creator-portal__panel" data-portal-root>${status(t.applicationDeclined)}</div>`;
  if (state.application === "invited")
    return html`<div class="creator-portal__panel" data-portal-root>${status(t.invitedNotAccepted)}</div>`;
  if (state.application === "archived") return html`<div class="creator-portal__panel" data-portal-root>${status(t.accountArchived)}</div>`;
  if (!state.selfSignupEnabled) {
    return html`<div class="creator-portal__panel" data-portal-root>
  <h3 class="creator-portal__section-heading">${t.notCreatorTitle}</h3>
  <p>${t.notCreatorText}</p>
</div>`;
  }
  return html`<div class="creator-portal__panel" data-portal-root>
  <h3 class="creator-portal__section-heading" id="cp-apply-heading">${t.applyTitle}</h3>
  <p>${t.applyText}</p>
  ${noticeFor(ctx, "apply")}
  ${form(
    ctx,
    "apply",
    join([
      field(ctx, {
        form: "apply",
        name: "name",
        label: t.applyName,
        required: true,
        value: state.suggestedName,
        attrs: html`autocomplete="name" maxlength="200"`,
      }),
      field(ctx, { form: "apply", name: "socialHandle", label: t.applySocial, attrs: html`maxlength="200"` }),
      field(ctx, { form: "apply", name: "message", label: t.applyMessage, multiline: true, attrs: html`maxlength="2000"` }),
      html`<button type="submit" class="creator-portal__button">${t.applySubmit}</button>`,
    ]),
    { label: t.applyTitle },
  )}
</div>`;
}

// ------------------------------------------------------------------ the creator's portal

function balancesSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const money = (amountMinor: DisplayMinor, currency: string) => formatAmount(amountMinor, currency, ctx.locale);
  const rows = view.balances.map(
    (b) =>
      [
        b.currency,
        money(b.heldMinor, b.currency),
        money(b.payableMinor, b.currency),
        money(b.inPayoutMinor, b.currency),
        money(b.paidMinor, b.currency),
      ] as const,
  );
  // What the creator waits for: the schedule's next date, or (manual schedule) the store, plus
  // any withdrawal request the store has not answered yet.
  const open = view.requests.filter((r) => r.status === "requested");
  return section("cp-balances", t.balances, [
    table(t.balances, [t.currency, t.held, t.payable, t.inPayout, t.paid], rows),
    html`<p class="creator-portal__hint">${t.held}: ${t.heldHelp}.</p>`,
    html`<p data-portal-next-payout>${view.nextPayoutOn ? t.nextPayout(formatDate(view.nextPayoutOn, ctx.locale, view.shop.timezone)) : t.manualPayouts}${open.map(
      (r) => html` ${t.openRequest(money(r.amountMinor, r.currency), formatDate(r.createdAt, ctx.locale, view.shop.timezone))}`,
    )}</p>`,
  ]);
}

/** A link or null when the creator's stored codes cannot make one (then the builder says nothing for it). */
function shareLinkOrNull(input: Parameters<typeof buildShareLink>[0]): string | null {
  try {
    return buildShareLink(input);
  } catch {
    return null;
  }
}

/**
 * The link builder: a GET form (creator-portal.js loads its answer in place) for a store path,
 * then one link per discount code — or a plain referral link — each with Copy and a QR code.
 */
function linkBuilder(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const typed = ctx.linkPath ?? null;
  const parsed = typed === null ? null : parseStorePath(typed);
  const fieldCtx: RenderContext =
    parsed && !parsed.ok
      ? {
          ...ctx,
          notice: {
            form: "links",
            kind: "error",
            status: 422,
            message: "",
            fieldErrors: { link_path: t.linkPathProblems[parsed.problem] },
            values: {},
          },
        }
      : { ...ctx, notice: null };
  const builder = html`<h4 class="creator-portal__subheading">${t.linkBuilder}</h4>
<p class="creator-portal__hint">${t.linkBuilderHelp}</p>
<form class="creator-portal__form" method="get" action="${portalPath(ctx.locale, ctx.keptQuery ?? "")}" data-portal-get="cp-links-result" aria-label="${t.linkBuilder}">
  ${field(fieldCtx, {
    form: "links",
    name: "link_path",
    label: t.linkPath,
    hint: t.linkPathHint,
    value: typed ?? "/",
    attrs: html`list="cp-link-paths" autocomplete="off" spellcheck="false" maxlength="300"`,
  })}
  <datalist id="cp-link-paths">${Object.entries(t.linkPathSuggestions).map(([path, label]) => html`<option value="${path}">${label}</option>`)}</datalist>
  <button type="submit" class="creator-portal__button">${t.makeLinks}</button>
</form>`;
  if (!parsed?.ok) return builder;
  const shopDomain = view.shop.domain;
  const referralCode = view.creator.referralCode;
  const links = (
    view.discountCodes.length > 0
      ? view.discountCodes.map((code) => ({
          label: t.linkWithCode(code),
          url: shareLinkOrNull({ shopDomain, referralCode, target: parsed.target, discountCode: code }),
        }))
      : [{ label: t.referralLinkTo, url: shareLinkOrNull({ shopDomain, referralCode, target: parsed.target }) }]
  ).filter((link): link is { label: string; url: string } => link.url !== null);
  return html`${builder}
<div class="creator-portal__links" data-portal-links>
  <h4 class="creator-portal__subheading" id="cp-links-result">${t.linksFor(typed ?? "/")}</h4>
  ${links.map((link, i) => {
    const qrLabel = t.qrCodeOf(link.label);
    const qr = qrCodeSvgDataUrl(link.url, qrLabel);
    return html`<div class="creator-portal__share-link">
  ${copyable(`cp-link-${i}`, link.label, link.url, t)}
  <figure class="creator-portal__qr">
    <img src="${qr}" alt="${qrLabel}" width="144" height="144" data-share-link-qr="${link.url}">
    <figcaption><a class="creator-portal__link" href="${qr}" download="qr-${i + 1}.svg">${t.downloadQr}<span class="creator-portal__visually-hidden"> — ${link.label}</span></a></figcaption>
  </figure>
</div>`;
  })}
</div>`;
}

function referralSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const link = shareLinkOrNull({ shopDomain: view.shop.domain, referralCode: view.creator.referralCode, target: { kind: "home" } });
  return section("cp-referral", t.referral, [
    link ? copyable("cp-referral-link", t.referralLink, link, t) : "",
    view.discountCodes.length > 0
      ? html`<h4 class="creator-portal__subheading">${t.discountCodes}</h4>${view.discountCodes.map((code, i) =>
          copyable(`cp-code-${i}`, `${t.discountCodes}: ${code}`, code, t),
        )}`
      : "",
    linkBuilder(view, ctx),
    html`<p class="creator-portal__visually-hidden" role="status" aria-live="polite" data-portal-copy-status></p>`,
  ]);
}

function performanceSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const percent = (orders: number, clicks: number) =>
    clicks === 0
      ? "—"
      : cached(
          `percent:${ctx.locale}`,
          () => new Intl.NumberFormat(intlLocale(ctx.locale), { style: "percent", maximumFractionDigits: 1 }),
        ).format(orders / clicks);
  const number = (n: number) => cached(`number:${ctx.locale}`, () => new Intl.NumberFormat(intlLocale(ctx.locale))).format(n);
  const s = view.stats;
  return section(
    "cp-performance",
    t.performance,
    table(
      t.performance,
      [t.period, t.clicks, t.orders, t.conversion],
      [
        [t.last30Days, number(s.clicks30), number(s.orders30), percent(s.orders30, s.clicks30)],
        [t.allTime, number(s.clicksAll), number(s.ordersAll), percent(s.ordersAll, s.clicksAll)],
      ],
    ),
  );
}

function commissionsSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const { page, hasMore, rows } = view.commissions;
  const body =
    rows.length === 0
      ? html`<p>${t.noCommissions}</p>`
      : table(
          t.commissions,
          [t.order, t.date, t.amount, t.status],
          rows.map((c) => [
            c.orderName,
            formatDate(c.orderedAt, ctx.locale, view.shop.timezone),
            formatAmount(c.amountMinor, c.currency, ctx.locale),
            statusTag(t.commissionStatus[c.status] ?? c.status),
          ]),
        );
  const nav =
    page > 1 || hasMore
      ? html`<nav class="creator-portal__pagination" aria-label="${t.commissions}">
  ${page > 1 ? html`<a class="creator-portal__button" data-portal-nav="cp-commissions" href="${portalPath(ctx.locale, `${ctx.keptQuery ?? ""}&commissions_page=${page - 1}`)}">${t.previousPage}</a>` : ""}
  <span>${t.pageOf(page)}</span>
  ${hasMore ? html`<a class="creator-portal__button" data-portal-nav="cp-commissions" href="${portalPath(ctx.locale, `${ctx.keptQuery ?? ""}&commissions_page=${page + 1}`)}">${t.nextPage}</a>` : ""}
</nav>`
      : "";
  return section("cp-commissions", t.commissions, [body, nav]);
}

function feesSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const fees =
    view.fees.length === 0
      ? html`<p>${t.noFees}</p>`
      : table(
          t.fees,
          [t.item, t.amount, t.status],
          view.fees.map((f) => [
            html`${f.comment ?? t.fees}${f.deliverableTitle ? html` (${f.deliverableTitle})` : ""}`,
            formatAmount(f.amountMinor, f.currency, ctx.locale),
            statusTag(t.feeStatus[f.status] ?? f.status),
          ]),
        );
  const deliverables =
    view.deliverables.length === 0
      ? html`<p>${t.noDeliverables}</p>`
      : html`<ul class="creator-portal__list">${view.deliverables.map((d) => {
          const formId = `submit_deliverable-${d.id}`;
          const canSubmit = d.status === "open" || d.status === "rejected";
          return html`<li class="creator-portal__card">
  <h5 class="creator-portal__subheading">${d.title}</h5>
  <p><span class="creator-portal__status-tag">${t.deliverableStatus[d.status] ?? d.status}</span>${d.dueOn ? html` · ${t.due(formatDate(d.dueOn, ctx.locale, view.shop.timezone))}` : ""}</p>
  ${d.lastUrl ? html`<p>${t.lastSubmission}: <a href="${d.lastUrl}" rel="noopener noreferrer nofollow" target="_blank">${d.lastUrl}</a></p>` : ""}
  ${d.lastNote ? html`<p>${t.storeNote}: ${d.lastNote}</p>` : ""}
  ${noticeFor(ctx, formId)}
  ${
    canSubmit
      ? form(
          ctx,
          "submit_deliverable",
          join([
            html`<input type="hidden" name="deliverableId" value="${d.id}">`,
            field(ctx, {
              form: formId,
              name: "url",
              label: t.contentLink,
              type: "url",
              required: true,
              attrs: html`inputmode="url" maxlength="2000"`,
            }),
            field(ctx, { form: formId, name: "note", label: t.note, attrs: html`maxlength="1000"` }),
            html`<button type="submit" class="creator-portal__button">${d.status === "rejected" ? t.resubmit : t.submit}</button>`,
          ]),
          { label: `${t.submit}: ${d.title}` },
        )
      : ""
  }
</li>`;
        })}</ul>`;
  return section("cp-fees", t.feesAndDeliverables, [
    html`<h4 class="creator-portal__subheading">${t.fees}</h4>`,
    fees,
    html`<h4 class="creator-portal__subheading">${t.deliverables}</h4>`,
    deliverables,
  ]);
}

/**
 * A gift card payout's code: masked, with "Show code" (a POST: a prefetch or link preview of the
 * page's GET never opens it) while the code is kept; in full on the answer to that POST, with
 * "I saved it", which wipes it.
 */
function giftCardReference(p: PortalPayout, card: { masked: string; codeKept: boolean }, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const shown = ctx.notice?.giftCardCode?.payoutId === p.id ? ctx.notice.giftCardCode.code : null;
  const payoutField = html`<input type="hidden" name="payoutId" value="${p.id}">`;
  if (shown) {
    return html`${noticeFor(ctx, `show_gift_card_code-${p.id}`)}<strong class="creator-portal__gift-card-code">${t.giftCardCode(shown)}</strong><br>${
      t.giftCardKeepIt
    }${form(
      ctx,
      "gift_card_code_saved",
      join([payoutField, html`<button type="submit" class="creator-portal__button">${t.giftCardSaved}</button>`]),
      {
        label: t.giftCardSaved,
      },
    )}`;
  }
  const notices = html`${noticeFor(ctx, `show_gift_card_code-${p.id}`)}${noticeFor(ctx, `gift_card_code_saved-${p.id}`)}`;
  if (!card.codeKept) return html`${notices}${t.giftCardMasked(card.masked)}`;
  return html`${notices}${t.giftCardMasked(card.masked)}${form(
    ctx,
    "show_gift_card_code",
    join([payoutField, html`<button type="submit" class="creator-portal__button">${t.giftCardShow}</button>`]),
    { label: t.giftCardShowLabel(card.masked) },
  )}`;
}

function payoutsSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  if (view.payouts.length === 0) return section("cp-payouts", t.payouts, html`<p>${t.noPayouts}</p>`);
  const rows = view.payouts.map((p) => {
    const documents = [
      p.invoiceLabel ? html`<a href="${PORTAL_PROXY_PATH}/payouts/${p.id}/invoice.pdf">${t.invoicePdf(p.invoiceLabel)}</a>` : "",
      p.hasCreatorInvoice ? html`<a href="${PORTAL_PROXY_PATH}/payouts/${p.id}/uploaded-invoice">${t.yourInvoice}</a>` : "",
    ].filter((d) => d !== "");
    const paid = p.paidOn
      ? html`${t.paidOn(formatDate(p.paidOn, ctx.locale, view.shop.timezone))}${p.method ? html` ${t.via(p.method)}` : ""}`
      : "";
    return [
      formatDate(p.createdAt, ctx.locale, view.shop.timezone),
      formatAmount(p.amountMinor, p.currency, ctx.locale),
      html`${statusTag(t.payoutStatus[p.status] ?? p.status)}${paid ? html`<br>${paid}` : ""}${
        p.reason ? html`<br>${t.reason(p.reason)}` : ""
      }${p.note ? html`<br>${t.storeNote}: ${p.note}` : ""}`,
      documents.length ? join(documents.map((d, i) => (i ? html`<br>${d}` : d))) : "—",
      p.giftCard ? giftCardReference(p, p.giftCard, ctx) : (p.reference ?? "—"),
    ] as const;
  });
  return section("cp-payouts", t.payouts, table(t.payouts, [t.date, t.amount, t.status, t.invoice, t.reference], rows));
}

/** The creator's store credit payouts and how to spend them (only once there is one). */
function storeCreditsSection(view: PortalView, ctx: RenderContext): Html | "" {
  if (view.storeCredits.length === 0) return "";
  const t = portalStrings(ctx.locale);
  return section("cp-store-credit", t.storeCredits, [
    html`<p>${t.storeCreditSpend}</p>`,
    table(
      t.storeCredits,
      [t.date, t.credited, t.bonus, t.status],
      view.storeCredits.map((c) => [
        formatDate(c.at, ctx.locale, view.shop.timezone),
        formatAmount(c.creditedMinor, c.currency, ctx.locale),
        c.bonusMinor > 0 ? formatAmount(c.bonusMinor, c.currency, ctx.locale) : t.noBonus,
        statusTag(t.payoutStatus[c.status] ?? c.status),
      ]),
    ),
  ]);
}

/** Bonuses and corrections the store posted, each with its reason (only when there are any). */
function adjustmentsSection(view: PortalView, ctx: RenderContext): Html | "" {
  if (view.adjustments.length === 0) return "";
  const t = portalStrings(ctx.locale);
  return section(
    "cp-adjustments",
    t.adjustments,
    table(
      t.adjustments,
      [t.date, t.adjustmentReason, t.amount],
      view.adjustments.map((a) => [
        formatDate(a.createdAt, ctx.locale, view.shop.timezone),
        a.reason,
        formatAmount(a.amountMinor, a.currency, ctx.locale),
      ]),
    ),
  );
}

function reviewSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const toReview = view.payouts.filter((p) => p.status === "pending_review" && p.items);
  if (!view.shop.creatorReviewEnabled || toReview.length === 0) return html``;
  return section(
    "cp-review",
    t.review,
    toReview.map((p) => {
      const acceptForm = `accept_review-${p.id}`;
      return html`<div class="creator-portal__card">
  <h4 class="creator-portal__subheading">${formatAmount(p.amountMinor, p.currency, ctx.locale)} · ${p.invoiceLabel ?? ""} · ${formatDate(p.createdAt, ctx.locale, view.shop.timezone)}</h4>
  <p>${t.reviewIntro}</p>
  <ul class="creator-portal__list">${(p.items ?? []).map((item) => {
    const disputeForm = `dispute_item-${item.payoutItemId}`;
    return html`<li class="creator-portal__item">
    <p><strong>${item.label}</strong> — ${formatAmount(item.amountMinor, p.currency, ctx.locale)}</p>
    ${item.disputeNote ? html`<p><span class="creator-portal__status-tag">${t.disputed(item.disputeNote)}</span></p>` : ""}
    ${noticeFor(ctx, disputeForm)}
    <details ${ctx.notice?.form === disputeForm && ctx.notice.kind === "error" ? html`open` : ""}><summary>${t.disputeItem}</summary>
    ${form(
      ctx,
      "dispute_item",
      join([
        html`<input type="hidden" name="payoutId" value="${p.id}"><input type="hidden" name="payoutItemId" value="${item.payoutItemId}">`,
        field(ctx, {
          form: disputeForm,
          name: "note",
          label: t.disputeNote,
          multiline: true,
          required: true,
          attrs: html`maxlength="1000"`,
        }),
        html`<button type="submit" class="creator-portal__button">${t.disputeSubmit}</button>`,
      ]),
      { label: `${t.disputeItem}: ${item.label}` },
    )}
    </details>
  </li>`;
  })}</ul>
  ${noticeFor(ctx, acceptForm)}
  ${form(
    ctx,
    "accept_review",
    join([
      html`<input type="hidden" name="payoutId" value="${p.id}">`,
      field(ctx, {
        form: acceptForm,
        name: "invoice",
        type: "file",
        label: view.shop.invoiceRequired ? t.invoiceUploadRequired : t.invoiceUpload,
        required: view.shop.invoiceRequired,
        attrs: html`accept="application/pdf,image/png,image/jpeg,image/webp"`,
      }),
      html`<button type="submit" class="creator-portal__button">${t.accept}</button>`,
    ]),
    { multipart: true, label: t.accept },
  )}
</div>`;
    }),
  );
}

export function selectField(id: string, label: string, name: string, options: Html, error: string | undefined): Html {
  return html`<div class="creator-portal__field"><label for="${id}">${label}</label>
  <select class="creator-portal__input" id="${id}" name="${name}" ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ""}>${options}</select>${
    error ? html`<p class="creator-portal__field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : ""
  }</div>`;
}

/** The stored method, when its details are complete: withdrawals may simply ask for it. */
function savedMethodSummary(view: PortalView, t: PortalStrings): string | null {
  const c = view.creator;
  if (!c.payoutMethod || c.payoutDetailsStatus !== "complete") return null;
  if (c.payoutMethod === "stripe" && !view.stripeConnected) return null;
  return c.payoutDetailsSummary ?? t.methods[c.payoutMethod];
}

/**
 * What a withdrawal may ask for: "My saved method" only when one exists, Stripe only when the
 * shop pays through Stripe and the creator's account can receive transfers, and the offline methods.
 */
function withdrawalMethodOptions(view: PortalView, t: PortalStrings, typed: string | undefined): Html {
  const saved = savedMethodSummary(view, t);
  const stripe = view.stripeConnected && view.creator.stripeTransfersActive;
  const options: { value: "" | PayoutMethod; label: string }[] = [
    ...(saved ? [{ value: "" as const, label: `${t.anyMethod} (${saved})` }] : []),
    ...(stripe ? [{ value: "stripe" as const, label: t.methods.stripe }] : []),
    ...(["paypal", "bank_transfer", "other"] as const).map((m) => ({ value: m, label: t.methods[m] })),
  ];
  const selected = options.some((o) => o.value === typed) ? typed : options[0].value;
  return join(options.map((o) => html`<option value="${o.value}" ${selected === o.value ? html`selected` : ""}>${o.label}</option>`));
}

/** The creator's withdrawal requests: what they asked, what the store decided and its note. */
function requestList(view: PortalView, ctx: RenderContext): Html | "" {
  if (view.requests.length === 0) return "";
  const t = portalStrings(ctx.locale);
  const status = (r: PortalView["requests"][number]) =>
    r.status === "approved" && r.payoutStatus
      ? `${t.requestStatus.approved} · ${t.payoutStatus[r.payoutStatus] ?? r.payoutStatus}`
      : (t.requestStatus[r.status] ?? r.status);
  return html`<h4 class="creator-portal__subheading">${t.yourRequests}</h4>${table(
    t.yourRequests,
    [t.date, t.amount, t.status, t.storeNote],
    view.requests.map((r) => [
      formatDate(r.createdAt, ctx.locale, view.shop.timezone),
      formatAmount(r.amountMinor, r.currency, ctx.locale),
      statusTag(status(r)),
      r.decisionNote ?? "—",
    ]),
  )}`;
}

/** "$18.40 of $25.00 until you can withdraw", per currency with a minimum not reached yet. */
function thresholdProgress(view: PortalView, ctx: RenderContext): Html[] {
  const t = portalStrings(ctx.locale);
  return view.balances
    .filter((b) => b.minimumMinor !== null && b.availableMinor < b.minimumMinor)
    .map((b) => {
      const minimum = b.minimumMinor!;
      const reached = b.availableMinor > 0 ? Number(b.availableMinor) : 0;
      return html`<div class="creator-portal__progress"><p>${t.thresholdProgress(
        formatAmount(b.availableMinor, b.currency, ctx.locale),
        formatAmount(minimum, b.currency, ctx.locale),
      )}</p><progress aria-hidden="true" max="${minimum}" value="${reached}"></progress></div>`;
    });
}

function withdrawalSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const eligible = view.balances.filter((b) => b.minimumMinor !== null && b.availableMinor >= b.minimumMinor && b.availableMinor > 0);
  const shopMinimum = view.balances.find((b) => b.currency === view.shop.currency)?.minimumMinor ?? 2500;
  const formId = "withdraw";
  const showForm = eligible.length > 0 || ctx.notice?.form === formId;
  const progress = thresholdProgress(view, ctx);
  if (!showForm) {
    return section("cp-withdrawal", t.withdrawal, [
      requestList(view, ctx),
      noticeFor(ctx, formId),
      progress.length > 0 ? join(progress) : html`<p>${t.withdrawalNothing(formatAmount(shopMinimum, view.shop.currency, ctx.locale))}</p>`,
    ]);
  }
  const typedCurrency = ctx.notice?.form === formId ? ctx.notice.values.currency : undefined;
  const chosen = eligible.find((b) => b.currency === typedCurrency) ?? eligible[0];
  const ranges = eligible.map((b) =>
    t.withdrawalRange(formatAmount(b.minimumMinor!, b.currency, ctx.locale), formatAmount(b.availableMinor, b.currency, ctx.locale)),
  );
  const currencyError = ctx.notice?.form === formId ? ctx.notice.fieldErrors.currency : undefined;
  return section("cp-withdrawal", t.withdrawal, [
    requestList(view, ctx),
    join(progress),
    noticeFor(ctx, formId),
    form(
      ctx,
      "withdraw",
      join([
        field(ctx, {
          form: formId,
          name: "amount",
          label: t.withdrawalAmount,
          required: true,
          hint: ranges.join(" "),
          // One request is one amount: at most the business maximum, even when more is available.
          value: chosen
            ? toDecimalString({
                amountMinor: chosen.availableMinor > MAX_AMOUNT_MINOR ? MAX_AMOUNT_MINOR : chosen.availableMinor,
                currency: chosen.currency,
              })
            : "",
          attrs: html`inputmode="decimal" autocomplete="off"`,
        }),
        html`<div class="creator-portal__field"><label for="cp-withdraw-currency">${t.withdrawalCurrency}</label>
  <select class="creator-portal__input" id="cp-withdraw-currency" name="currency" ${currencyError ? html`aria-invalid="true" aria-describedby="cp-withdraw-currency-error"` : ""}>${(eligible.length
    ? eligible
    : view.balances
  ).map(
    (b) =>
      html`<option value="${b.currency}" ${b.currency === (chosen?.currency ?? typedCurrency) ? html`selected` : ""}>${b.currency}</option>`,
  )}</select>${currencyError ? html`<p class="creator-portal__field-error" id="cp-withdraw-currency-error">${currencyError}</p>` : ""}</div>`,
        selectField(
          "cp-withdraw-method",
          t.withdrawalMethod,
          "method",
          withdrawalMethodOptions(view, t, ctx.notice?.form === formId ? ctx.notice.values.method : undefined),
          ctx.notice?.form === formId ? ctx.notice.fieldErrors.method : undefined,
        ),
        field(ctx, { form: formId, name: "comment", label: t.withdrawalComment, multiline: true, attrs: html`maxlength="1000"` }),
        html`<button type="submit" class="creator-portal__button">${t.withdrawalSubmit}</button>`,
      ]),
      { label: t.withdrawal },
    ),
  ]);
}

/** Stripe's payouts from the creator's connected account to their bank (payout.paid / payout.failed). */
function bankPayoutList(view: PortalView, ctx: RenderContext): Html | "" {
  if (view.bankPayouts.length === 0) return "";
  const t = portalStrings(ctx.locale);
  return html`<h5 class="creator-portal__subheading">${t.bankPayouts}</h5><ul class="creator-portal__list">${view.bankPayouts.map(
    (p) =>
      html`<li>${formatAmount(p.amountMinor, p.currency, ctx.locale)} · ${t.bankPayoutStatus(p.status)}${
        p.arrivalDate ? html` · ${formatDate(p.arrivalDate.slice(0, 10), ctx.locale, view.shop.timezone)}` : ""
      }${p.failureMessage ? html` — ${p.failureMessage}` : ""}</li>`,
  )}</ul>`;
}

/** Only for a shop that pays through Stripe: where the creator's account stands, and the way on. */
function stripeBlock(view: PortalView, ctx: RenderContext): Html | "" {
  if (!view.stripeConnected) return "";
  const t = portalStrings(ctx.locale);
  const c = view.creator;
  const state = c.stripeTransfersActive ? "ready" : c.stripeAccountId ? "incomplete" : "none";
  return html`<div class="creator-portal__card" data-portal-stripe="${state}">
  <h4 class="creator-portal__subheading">${t.methods.stripe}</h4>
  <p>${statusTag(t.stripeStatus[state])}</p>
  ${state === "ready" ? html`<p>${t.stripeReady}</p>` : ""}
  ${view.stripeOnboardingUrl ? html`<p><a class="creator-portal__button" href="${view.stripeOnboardingUrl}" rel="noopener">${t.stripeOnboarding}</a></p>` : ""}
  ${bankPayoutList(view, ctx)}
</div>`;
}

// The offline methods the form can save, each with only its own fields. The chosen method's
// fieldset is the only one shown: by CSS alone (:has on the select's checked option, so it works
// without JavaScript); the block's script also disables the others so their fields are not sent.
const OFFLINE_METHODS = ["paypal", "bank_transfer", "other"] as const;

function payoutMethodSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const c = view.creator;
  const formId = "payout_method";
  const typed = ctx.notice?.form === formId ? ctx.notice.values.method : undefined;
  const currentSummary = c.payoutDetailsSummary ?? (c.payoutMethod ? t.methods[c.payoutMethod] : null);
  const held = c.payoutsHeldUntil && c.payoutsHeldUntil > view.asOf ? c.payoutsHeldUntil : null;
  const stored = c.payoutMethod && c.payoutMethod !== "stripe" ? c.payoutMethod : "paypal";
  const chosen = OFFLINE_METHODS.find((m) => m === typed) ?? stored;
  const fieldsOf = (method: (typeof OFFLINE_METHODS)[number], legend: string, body: Html) =>
    html`<fieldset class="creator-portal__fieldset" data-method-fields="${method}"><legend>${legend}</legend>${body}</fieldset>`;
  return section("cp-method", t.payoutMethod, [
    html`<p>${currentSummary ? html`${t.currentMethod}: <strong>${currentSummary}</strong>` : t.noMethod}</p>`,
    view.pendingMethodChange ? html`<p class="creator-portal__notice">${t.pendingChange(view.pendingMethodChange.summary)}</p>` : "",
    held ? html`<p class="creator-portal__notice">${t.heldUntil(formatDate(held, ctx.locale, view.shop.timezone))}</p>` : "",
    stripeBlock(view, ctx),
    html`<h4 class="creator-portal__subheading">${t.offlineMethod}</h4>`,
    noticeFor(ctx, formId),
    form(
      ctx,
      "payout_method",
      join([
        selectField(
          "cp-method-method",
          t.method,
          "method",
          join(OFFLINE_METHODS.map((m) => html`<option value="${m}" ${chosen === m ? html`selected` : ""}>${t.methods[m]}</option>`)),
          ctx.notice?.form === formId ? ctx.notice.fieldErrors.method : undefined,
        ),
        html`<div class="creator-portal__method-fields" data-portal-method-fields>${join([
          fieldsOf(
            "paypal",
            t.methods.paypal,
            field(ctx, { form: formId, name: "paypalEmail", label: t.paypalEmail, type: "email", attrs: html`autocomplete="email"` }),
          ),
          fieldsOf(
            "bank_transfer",
            t.methods.bank_transfer,
            join([
              field(ctx, { form: formId, name: "accountHolder", label: t.accountHolder, attrs: html`autocomplete="name"` }),
              field(ctx, { form: formId, name: "iban", label: t.iban, attrs: html`autocomplete="off" spellcheck="false"` }),
              field(ctx, { form: formId, name: "bic", label: t.bic, attrs: html`autocomplete="off" spellcheck="false"` }),
            ]),
          ),
          fieldsOf(
            "other",
            t.methods.other,
            field(ctx, { form: formId, name: "instructions", label: t.instructions, multiline: true, attrs: html`maxlength="1000"` }),
          ),
        ])}</div>`,
        html`<button type="submit" class="creator-portal__button">${t.saveMethod}</button>`,
      ]),
      { label: t.payoutMethod },
    ),
  ]);
}

// The creator's preferred rail among the shop's enabled rails (issue 15): one radio per rail.
function preferredRailSection(view: PortalView, ctx: RenderContext): Html | "" {
  const t = portalStrings(ctx.locale);
  if (view.enabledRails.length < 2) return "";
  const formId = "preferred_rail";
  // The shop's store credit bonus is named on the choice ("Store credit: get 110%").
  const label = (rail: string) =>
    rail === "store_credit" && view.storeCreditBonusPercent > 100
      ? t.storeCreditBonusLabel(view.storeCreditBonusPercent)
      : (t.rails[rail] ?? rail);
  return section("cp-rail", t.preferredRail, [
    noticeFor(ctx, formId),
    view.enabledRails.includes("store_credit") ? html`<p class="creator-portal__hint">${t.storeCreditLimits(view.shop.currency)}</p>` : "",
    form(
      ctx,
      "preferred_rail",
      html`<fieldset class="creator-portal__fieldset" data-portal-rails><legend>${t.preferredRailHint}</legend>${join(
        view.enabledRails.map(
          (rail) =>
            html`<label class="creator-portal__choice"><input type="radio" name="rail" value="${rail}" ${
              view.currentRail === rail ? html`checked` : ""
            }> ${label(rail)}</label>`,
        ),
      )}</fieldset>
<button type="submit" class="creator-portal__button">${t.saveRail}</button>`,
      { label: t.preferredRail },
    ),
  ]);
}

export function renderPortal(view: PortalView, ctx: RenderContext, options: { showBalances: boolean }): Html {
  const t = portalStrings(ctx.locale);
  const statusNote = view.creator.status === "paused" ? html`<p class="creator-portal__notice">${t.accountPaused}</p>` : "";
  const sections = [
    options.showBalances ? balancesSection(view, ctx) : "",
    reviewSection(view, ctx),
    referralSection(view, ctx),
    performanceSection(view, ctx),
    commissionsSection(view, ctx),
    feesSection(view, ctx),
    adjustmentsSection(view, ctx),
    payoutsSection(view, ctx),
    storeCreditsSection(view, ctx),
    withdrawalSection(view, ctx),
    preferredRailSection(view, ctx),
    payoutMethodSection(view, ctx),
    taxFormSection(view, ctx),
  ];
  // A form that is gone after its action (a payout no longer to review) has its outcome on top.
  const orphan =
    ctx.notice && !ctx.noticeShown
      ? noticeFor(
          {
            ...ctx,
            notice: {
              ...ctx.notice,
              form: "top",
              message: [ctx.notice.message, ...Object.values(ctx.notice.fieldErrors)].filter(Boolean).join(" "),
            },
          },
          "top",
        )
      : "";
  return html`<div class="creator-portal__portal" data-portal-root>
${statusNote}
${orphan}
${sections}
</div>`;
}
