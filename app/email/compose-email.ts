// The MIME message of one email, built by nodemailer's MailComposer (through its stream
// transport): a text part and, when the email has one, an HTML part, as multipart/alternative;
// From in the shop's name, Reply-To the shop's address. Used for the development outbox and, in
// the same shape, handed to the SMTP transport. No I/O.
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";

export interface OutgoingEmail {
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
}

export interface EmailSender {
  /** The app's sending address (EMAIL_FROM). */
  address: string;
  shop: { name: string; emailSenderName: string | null; emailReplyTo: string | null };
}

/** Nodemailer's options: the display name is the shop's sender name setting, else the shop's name. */
export function mailOptions(email: OutgoingEmail, sender: EmailSender): Mail.Options {
  const name = sender.shop.emailSenderName?.trim() || sender.shop.name;
  return {
    from: { name, address: sender.address },
    replyTo: sender.shop.emailReplyTo?.trim() || undefined,
    to: email.toAddress,
    subject: email.subject,
    text: email.textBody,
    html: email.htmlBody ?? undefined,
  };
}

/** The message as it would go over the wire (RFC 5322, LF line ends). */
export async function composeEmail(options: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const built = await transport.sendMail(options);
  return built.message as Buffer;
}
