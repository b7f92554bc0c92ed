// Creator emails as they leave the app: multipart/alternative with a text and an HTML part, in
// the shop's name, in the creator's language, with every interpolated value escaped in the HTML.
import { describe, expect, it } from "vitest";
import { composeEmail, mailOptions, type EmailSender } from "../email/compose-email";
import { escapeHtml } from "../email/email-body";
import { invitationEmail, payoutStatusEmail, withdrawalRejectedEmail, type CreatorEmail, type EmailContext } from "./creator-emails";

const SHOP: EmailSender["shop"] = { name: "Trail Co", emailSenderName: "Trail Co Creators", emailReplyTo: "creators@trail.example" };
const context = (changes: Partial<EmailContext> = {}): EmailContext => ({
  shopName: "Trail Co",
  shopDomain: "trail.myshopify.com",
  creatorName: "Ava Ames",
  timeZone: "Asia/Tokyo",
  ...changes,
});
const PAYOUT = { amount: { amountMinor: 12000, currency: "USD" }, invoiceLabel: "CP-00007" };
const PAYMENT = {
  paidOn: "2026-12-05",
  paidAt: null,
  method: "Bank transfer",
  reference: "WIRE-2291",
  note: "Thanks for the\nMarch reel!",
};

/** Undoes quoted-printable (RFC 2045 §6.7): soft line breaks and =XX bytes, read as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The raw message's top headers and its parts by content type, decoded. */
async function mime(email: CreatorEmail, shop = SHOP) {
  const raw = (
    await composeEmail(
      mailOptions(
        { toAddress: "ava@creators.test", subject: email.subject, textBody: email.text, htmlBody: email.html },
        { address: "payouts@creator-payouts.test", shop },
      ),
    )
  ).toString("utf8");
  const [head] = raw.split("\n\n");
  const boundary = /boundary="([^"]+)"/.exec(head)?.[1];
  const parts = new Map<string, string>();
  for (const part of boundary ? raw.split(`--${boundary}`).slice(1, -1) : []) {
    const [partHead, ...body] = part.replace(/^\n/, "").split("\n\n");
    const type = /Content-Type: ([^;\n]+)/.exec(partHead)![1];
    const joined = body.join("\n\n").replace(/\n$/, "");
    parts.set(type, /quoted-printable/.test(partHead) ? decodeQuotedPrintable(joined) : joined);
  }
  return { head, parts };
}

describe("creator email MIME", () => {
  it("is multipart/alternative with a text and an HTML part, from the shop's sender name with its reply-to", async () => {
    const { head, parts } = await mime(payoutStatusEmail(context(), "ready", PAYOUT));
    expect(head).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(head).toContain("From: Trail Co Creators <payouts@creator-payouts.test>");
    expect(head).toContain("Reply-To: creators@trail.example");
    expect([...parts.keys()]).toEqual(["text/plain", "text/html"]);
    expect(parts.get("text/plain")).toContain("Your payout CP-00007 of $120.00 is scheduled: the shop will pay it soon.");
    expect(parts.get("text/html")).toContain("<p>Your payout CP-00007 of $120.00 is scheduled: the shop will pay it soon.</p>");
    expect(parts.get("text/html")).toContain('<a href="https://trail.myshopify.com/apps/creator-payouts/portal">');
  });

  it("is from the shop's name when no sender name is set", async () => {
    const { head } = await mime(payoutStatusEmail(context(), "ready", PAYOUT), { ...SHOP, emailSenderName: null, emailReplyTo: null });
    expect(head).toContain("From: Trail Co <payouts@creator-payouts.test>");
    expect(head).not.toContain("Reply-To");
  });

  it("escapes every interpolated value in the HTML part, and keeps it as typed in the text part", async () => {
    const evil = `<img src=x onerror="alert(1)">`;
    const email = withdrawalRejectedEmail(context({ creatorName: `Ava <script>alert(1)</script>`, shopName: `Trail & "Co"` }), {
      amount: { amountMinor: 3000, currency: "USD" },
      note: evil,
    });
    const { parts } = await mime(email);
    const html = parts.get("text/html")!;
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("Ava &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(escapeHtml(evil));
    expect(html).toContain("Trail &amp; &quot;Co&quot;");
    expect(parts.get("text/plain")).toContain(`> ${evil}`);
  });

  it("never links a non-web URL", () => {
    const email = invitationEmail(context(), {
      email: "ava@creators.test",
      link: "javascript:alert(1)",
      expiresOn: "2026-12-19",
      terms: { kind: "none" },
    });
    expect(email.html).not.toContain("href=");
  });

  it("writes in French for a French creator, amounts and dates the French way", async () => {
    const email = payoutStatusEmail(context({ locale: "fr" }), "paid", PAYOUT, PAYMENT);
    expect(email.subject).toBe("Trail Co : votre paiement de 120,00\u00a0$US a été effectué");
    const { parts } = await mime(email);
    expect(parts.get("text/plain")).toContain("Bonjour Ava Ames,");
    expect(parts.get("text/plain")).toContain("Payé le: 5 déc. 2026");
    expect(parts.get("text/html")).toContain('<html lang="fr">');
    expect(parts.get("text/html")).toContain("Ouvrez votre espace créateur");
  });
});

describe("the paid email", () => {
  it("carries the amount, the day paid, the method, the reference and the merchant's note", () => {
    const email = payoutStatusEmail(context(), "paid", PAYOUT, PAYMENT);
    expect(email.subject).toBe("Trail Co: your $120.00 payout was paid");
    for (const line of ["Amount: $120.00", "Paid on: Dec 5, 2026", "Method: Bank transfer", "Reference: WIRE-2291", "Invoice: CP-00007"]) {
      expect(email.text).toContain(line);
    }
    expect(email.text).toContain("The shop's note:\n> Thanks for the\n> March reel!");
    expect(email.html).toContain("Thanks for the<br>March reel!");
  });

  it("dates a payment without a paid-on day by the shop's day of the instant (Tokyo is ahead of UTC)", () => {
    const email = payoutStatusEmail(context(), "paid", PAYOUT, { ...PAYMENT, paidOn: null, paidAt: new Date("2026-12-05T20:00:00Z") });
    expect(email.text).toContain("Paid on: Dec 6, 2026");
  });
});

describe("the invitation", () => {
  it("states the commission terms of the plan that applies", () => {
    const invite = (terms: Parameters<typeof invitationEmail>[1]["terms"], locale: "en" | "fr" = "en") =>
      invitationEmail(context({ locale }), {
        email: "ava@creators.test",
        link: "https://trail.myshopify.com/i/x",
        expiresOn: "2026-12-19",
        terms,
      });
    expect(invite({ kind: "percentage", rateBasisPoints: 1000, holdPeriodDays: 30, newCustomersOnly: false }).text).toContain(
      "Your commission: 10% of the eligible order amount, paid after a 30-day hold.",
    );
    expect(invite({ kind: "percentage", rateBasisPoints: 1250, holdPeriodDays: 14, newCustomersOnly: true }).text).toContain(
      "Your commission: 12.5% of the eligible order amount, paid after a 14-day hold. Orders from new customers only.",
    );
    expect(
      invite({ kind: "flat", amount: { amountMinor: 500, currency: "EUR" }, holdPeriodDays: 30, newCustomersOnly: false }).text,
    ).toContain("Your commission: €5.00 per order, paid after a 30-day hold.");
    expect(invite({ kind: "percentage", rateBasisPoints: 1250, holdPeriodDays: 30, newCustomersOnly: false }, "fr").text).toContain(
      "Votre commission : 12,5 % du montant éligible de la commande, payée après une période de rétention de 30 jours.",
    );
  });
});
