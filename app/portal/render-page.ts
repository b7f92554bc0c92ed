// Full storefront pages served through the app proxy as application/liquid (emailed links:
// invitation, payout-method confirmation). Shopify renders them inside the theme's layout.
import { html, type Html } from "./html";

export function renderPage(title: string, body: Html): Html {
  return html`<div class="page-width creator-portal creator-portal--page" style="max-width:42rem;margin-inline:auto;padding-block:2rem;display:grid;gap:1rem">
  <h1>${title}</h1>
  ${body}
</div>`;
}

export function pageForm(action: string, token: string, intent: string, label: string, extra: Html = html``): Html {
  return html`<form method="post" action="${action}">
  <input type="hidden" name="_portal_token" value="${token}"><input type="hidden" name="intent" value="${intent}">
  ${extra}
  <button type="submit" class="button creator-portal__button">${label}</button>
</form>`;
}

export function pageMessage(message: string, kind: "info" | "success" | "error" = "info"): Html {
  return kind === "error"
    ? html`<p role="alert"><span aria-hidden="true">⚠ </span>${message}</p>`
    : html`<p role="status">${kind === "success" ? html`<span aria-hidden="true">✓ </span>` : ""}${message}</p>`;
}
