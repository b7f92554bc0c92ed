// The portal fragment: server-rendered, escaped HTML that the block injects (creator-portal.js).
// Mobile first and accessible: h3 headings under the block's h2, labelled fields, errors tied to
// their field, statuses in words (never colour alone), one live region for outcomes. Styling comes
// from the block's stylesheet and CSS variables (fonts and colours inherit from the theme).
import { PORTAL_PROXY_PATH } from "../creators/invite-creator.server";
import { formatShopDateInLanguage } from "../domain/calendar";
import { MAX_AMOUNT_MINOR } from "../domain/amount-limits";
import { formatMoney, toDecimalString, type DisplayMinor } from "../domain/money";
import { html, join, type Html } from "./html";
import { intlLocale, portalStrings, type PortalLocale, type PortalStrings } from "./portal-strings";
import type { PortalView } from "./read-portal-view.server";
import type { PayoutMethod } from "@prisma/client";

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
}

export interface RenderContext {
  locale: PortalLocale;
  token: string;
  notice: PortalNotice | null;
  /** Query kept on the portal's own URLs (forms, pagination), e.g. "&show_balances=false". */
  keptQuery?: string;
  /** Set once the notice is shown next to its form; otherwise the portal shows it at the top. */
  noticeShown?: boolean;
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

function noticeFor(ctx: RenderContext, form: string): Html {
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

function field(ctx: RenderContext, options: FieldOptions): Html {
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

function form(ctx: RenderContext, intent: string, body: Html, options: { multipart?: boolean; label?: string } = {}): Html {
  return html`<form class="creator-portal__form" method="post" action="${portalPath(ctx.locale, ctx.keptQuery ?? "")}" data-portal-form${
    options.multipart ? html` enctype="multipart/form-data"` : ""
  }${options.label ? html` aria-label="${options.label}"` : ""}>
  ${tokenField(ctx.token)}<input type="hidden" name="intent" value="${intent}">
  ${body}
</form>`;
}

function section(id: string, title: string, body: Html | (Html | string)[]): Html {
  return html`<section class="creator-portal__section" aria-labelledby="${id}">
  <h3 class="creator-portal__section-heading" id="${id}">${title}</h3>
  ${body}
</section>`;
}

function table(caption: string, head: string[], rows: Html[]): Html {
  return html`<div class="creator-portal__table-wrap" role="region" aria-label="${caption}" tabindex="0">
<table class="creator-portal__table"><caption class="creator-portal__visually-hidden">${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function copyable(id: string, label: string, value: string, t: PortalStrings): Html {
  return html`<div class="creator-portal__field creator-portal__copy">
  <label for="${id}">${label}</label>
  <div class="creator-portal__copy-row">
    <input class="creator-portal__input" id="${id}" type="text" readonly value="${value}">
    <button type="button" class="creator-portal__button" data-portal-copy="${id}" data-copied-text="${t.copied}" data-copy-failed-text="${t.copyFailed}">${t.copy}<span class="creator-portal__visually-hidden"> ${label}</span></button>
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
  const rows = view.balances.map(
    (b) =>
      html`<tr><th scope="row">${b.currency}</th><td>${formatAmount(b.heldMinor, b.currency, ctx.locale)}</td><td>${formatAmount(
        b.payableMinor,
        b.currency,
        ctx.locale,
      )}</td><td>${formatAmount(b.inPayoutMinor, b.currency, ctx.locale)}</td><td>${formatAmount(b.paidMinor, b.currency, ctx.locale)}</td></tr>`,
  );
  return section("cp-balances", t.balances, [
    table(t.balances, [t.currency, t.held, t.payable, t.inPayout, t.paid], rows),
    html`<p class="creator-portal__hint">${t.held}: ${t.heldHelp}.</p>`,
    html`<p>${view.nextPayoutOn ? t.nextPayout(formatDate(view.nextPayoutOn, ctx.locale, view.shop.timezone)) : t.manualPayouts}</p>`,
  ]);
}

function referralSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const link = `https://${view.shop.domain}/?ref=${encodeURIComponent(view.creator.referralCode)}`;
  return section("cp-referral", t.referral, [
    copyable("cp-referral-link", t.referralLink, link, t),
    view.discountCodes.length > 0
      ? html`<h4 class="creator-portal__subheading">${t.discountCodes}</h4>${view.discountCodes.map((code, i) =>
          copyable(`cp-code-${i}`, `${t.discountCodes}: ${code}`, code, t),
        )}`
      : "",
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
        html`<tr><th scope="row">${t.last30Days}</th><td>${number(s.clicks30)}</td><td>${number(s.orders30)}</td><td>${percent(s.orders30, s.clicks30)}</td></tr>`,
        html`<tr><th scope="row">${t.allTime}</th><td>${number(s.clicksAll)}</td><td>${number(s.ordersAll)}</td><td>${percent(s.ordersAll, s.clicksAll)}</td></tr>`,
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
          rows.map(
            (c) =>
              html`<tr><th scope="row">${c.orderName}</th><td>${formatDate(c.orderedAt, ctx.locale, view.shop.timezone)}</td><td>${formatAmount(
                c.amountMinor,
                c.currency,
                ctx.locale,
              )}</td><td><span class="creator-portal__status-tag">${t.commissionStatus[c.status] ?? c.status}</span></td></tr>`,
          ),
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
          view.fees.map(
            (f) =>
              html`<tr><th scope="row">${f.comment ?? t.fees}${f.deliverableTitle ? html` (${f.deliverableTitle})` : ""}</th><td>${formatAmount(
                f.amountMinor,
                f.currency,
                ctx.locale,
              )}</td><td><span class="creator-portal__status-tag">${t.feeStatus[f.status] ?? f.status}</span></td></tr>`,
          ),
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
    return html`<tr><th scope="row">${formatDate(p.createdAt, ctx.locale, view.shop.timezone)}</th><td>${formatAmount(p.amountMinor, p.currency, ctx.locale)}</td><td><span class="creator-portal__status-tag">${
      t.payoutStatus[p.status] ?? p.status
    }</span>${paid ? html`<br>${paid}` : ""}</td><td>${documents.length ? join(documents.map((d, i) => (i ? html`<br>${d}` : d))) : "—"}</td><td>${p.reference ?? "—"}</td></tr>`;
  });
  return section("cp-payouts", t.payouts, table(t.payouts, [t.date, t.amount, t.status, t.invoice, t.reference], rows));
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

function selectField(id: string, label: string, name: string, options: Html, error: string | undefined): Html {
  return html`<div class="creator-portal__field"><label for="${id}">${label}</label>
  <select class="creator-portal__input" id="${id}" name="${name}" ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ""}>${options}</select>${
    error ? html`<p class="creator-portal__field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : ""
  }</div>`;
}

function methodOptions(t: PortalStrings, selected: string | undefined, includeAny: boolean): Html {
  const options: ("" | PayoutMethod)[] = includeAny
    ? ["", "paypal", "bank_transfer", "stripe", "other"]
    : ["paypal", "bank_transfer", "other"];
  return join(
    options.map((m) => html`<option value="${m}" ${selected === m ? html`selected` : ""}>${m ? t.methods[m] : t.anyMethod}</option>`),
  );
}

function withdrawalSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const eligible = view.balances.filter((b) => b.minimumMinor !== null && b.availableMinor >= b.minimumMinor && b.availableMinor > 0);
  const shopMinimum = view.balances.find((b) => b.currency === view.shop.currency)?.minimumMinor ?? 2500;
  const formId = "withdraw";
  const showForm = eligible.length > 0 || ctx.notice?.form === formId;
  if (!showForm) {
    return section("cp-withdrawal", t.withdrawal, [
      noticeFor(ctx, formId),
      html`<p>${t.withdrawalNothing(formatAmount(shopMinimum, view.shop.currency, ctx.locale))}</p>`,
    ]);
  }
  const typedCurrency = ctx.notice?.form === formId ? ctx.notice.values.currency : undefined;
  const chosen = eligible.find((b) => b.currency === typedCurrency) ?? eligible[0];
  const ranges = eligible.map((b) =>
    t.withdrawalRange(formatAmount(b.minimumMinor!, b.currency, ctx.locale), formatAmount(b.availableMinor, b.currency, ctx.locale)),
  );
  const currencyError = ctx.notice?.form === formId ? ctx.notice.fieldErrors.currency : undefined;
  return section("cp-withdrawal", t.withdrawal, [
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
          methodOptions(t, ctx.notice?.form === formId ? ctx.notice.values.method : "", true),
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
  return html`<h4 class="creator-portal__subheading">${t.bankPayouts}</h4><ul class="creator-portal__list">${view.bankPayouts.map(
    (p) =>
      html`<li>${formatAmount(p.amountMinor, p.currency, ctx.locale)} · ${t.bankPayoutStatus(p.status)}${
        p.arrivalDate ? html` · ${formatDate(p.arrivalDate.slice(0, 10), ctx.locale, view.shop.timezone)}` : ""
      }${p.failureMessage ? html` — ${p.failureMessage}` : ""}</li>`,
  )}</ul>`;
}

function payoutMethodSection(view: PortalView, ctx: RenderContext): Html {
  const t = portalStrings(ctx.locale);
  const c = view.creator;
  const formId = "payout_method";
  const typed = ctx.notice?.form === formId ? ctx.notice.values.method : undefined;
  const currentSummary = c.payoutDetailsSummary ?? (c.payoutMethod ? t.methods[c.payoutMethod] : null);
  const held = c.payoutsHeldUntil && c.payoutsHeldUntil > view.asOf ? c.payoutsHeldUntil : null;
  return section("cp-method", t.payoutMethod, [
    html`<p>${currentSummary ? html`${t.currentMethod}: <strong>${currentSummary}</strong>` : t.noMethod}</p>`,
    view.pendingMethodChange ? html`<p class="creator-portal__notice">${t.pendingChange(view.pendingMethodChange.summary)}</p>` : "",
    held ? html`<p class="creator-portal__notice">${t.heldUntil(formatDate(held, ctx.locale, view.shop.timezone))}</p>` : "",
    c.stripeTransfersActive
      ? html`<p>${t.stripeReady}</p>`
      : view.stripeOnboardingUrl
        ? html`<p><a class="creator-portal__button" href="${view.stripeOnboardingUrl}" rel="noopener">${t.stripeOnboarding}</a></p>`
        : "",
    bankPayoutList(view, ctx),
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
          methodOptions(t, typed ?? (c.payoutMethod && c.payoutMethod !== "stripe" ? c.payoutMethod : "paypal"), false),
          ctx.notice?.form === formId ? ctx.notice.fieldErrors.method : undefined,
        ),
        html`<fieldset class="creator-portal__fieldset"><legend>PayPal</legend>${field(ctx, { form: formId, name: "paypalEmail", label: t.paypalEmail, type: "email", attrs: html`autocomplete="email"` })}</fieldset>`,
        html`<fieldset class="creator-portal__fieldset"><legend>${t.methods.bank_transfer}</legend>${join([
          field(ctx, { form: formId, name: "accountHolder", label: t.accountHolder, attrs: html`autocomplete="name"` }),
          field(ctx, { form: formId, name: "iban", label: t.iban, attrs: html`autocomplete="off" spellcheck="false"` }),
          field(ctx, { form: formId, name: "bic", label: t.bic, attrs: html`autocomplete="off" spellcheck="false"` }),
        ])}</fieldset>`,
        html`<fieldset class="creator-portal__fieldset"><legend>${t.methods.other}</legend>${field(ctx, { form: formId, name: "instructions", label: t.instructions, multiline: true, attrs: html`maxlength="1000"` })}</fieldset>`,
        html`<button type="submit" class="creator-portal__button">${t.saveMethod}</button>`,
      ]),
      { label: t.payoutMethod },
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
    payoutsSection(view, ctx),
    withdrawalSection(view, ctx),
    payoutMethodSection(view, ctx),
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
