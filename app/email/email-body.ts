// One email body, written once as blocks and rendered twice: a plain-text part and an HTML part
// (sent together as multipart/alternative by nodemailer). Every value is escaped in the HTML part:
// names, notes and references come from people, and an email client would run what they typed.
// Pure: no I/O.

export type EmailBlock =
  | { kind: "paragraph"; text: string }
  /** Label/value rows ("Amount", "$150.00"): a table in HTML, "Label: value" lines in text. */
  | { kind: "facts"; rows: readonly (readonly [label: string, value: string])[] }
  /** Text written by the shop (a note): quoted, line breaks kept. */
  | { kind: "quote"; label: string; text: string }
  | { kind: "link"; label: string; href: string };

export interface EmailBody {
  /** The language of the body ("en", "fr"), for the HTML `lang` attribute. */
  lang: string;
  greeting: string;
  blocks: readonly EmailBlock[];
  signature: string;
}

export interface RenderedEmail {
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made inert in HTML content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Only web links become `href`s: a `javascript:` or `data:` URL is shown as text, never linked. */
const isWebLink = (href: string) => /^https?:\/\//i.test(href);

function textBlock(block: EmailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "facts":
      return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    case "quote":
      return `${block.label}\n${block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join("\n")}`;
    case "link":
      return `${block.label}\n${block.href}`;
  }
}

const CELL = 'style="padding:4px 16px 4px 0;vertical-align:top"';

function htmlBlock(block: EmailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "facts":
      return `<table role="presentation" style="border-collapse:collapse">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" align="left" ${CELL}>${escapeHtml(label)}</th><td ${CELL}>${escapeHtml(value)}</td></tr>`,
        )
        .join("")}</table>`;
    case "quote":
      return `<p>${escapeHtml(block.label)}</p><blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #ccc">${escapeHtml(block.text).replace(/\r?\n/g, "<br>")}</blockquote>`;
    case "link":
      return isWebLink(block.href)
        ? `<p>${escapeHtml(block.label)}<br><a href="${escapeHtml(block.href)}">${escapeHtml(block.href)}</a></p>`
        : `<p>${escapeHtml(block.label)}<br>${escapeHtml(block.href)}</p>`;
  }
}

export function renderEmailBody(body: EmailBody): RenderedEmail {
  const text = [body.greeting, ...body.blocks.map(textBlock), `— ${body.signature}`].join("\n\n");
  const html = [
    "<!doctype html>",
    `<html lang="${escapeHtml(body.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#202223">',
    `<p>${escapeHtml(body.greeting)}</p>`,
    ...body.blocks.map(htmlBlock),
    `<p>— ${escapeHtml(body.signature)}</p>`,
    "</body></html>",
  ].join("\n");
  return { text, html };
}
