// Sending mail over SMTP with nodemailer. The SMTP URL may carry credentials: it is never logged.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  url: string;
  from: string;
}

export function createSmtpMailer(smtp: SmtpSettings): Mailer {
  // Short timeouts: a dead mail server must not hold a sync worker for minutes.
  const transport = nodemailer.createTransport(smtp.url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as nodemailer.TransportOptions);
  return {
    async send(mail) {
      await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

/** Describes an SMTP failure without echoing the URL (which may contain the password). */
export function describeMailError(e: unknown): string {
  const err = e as { code?: unknown; responseCode?: unknown; message?: unknown } | null;
  const parts: string[] = [];
  if (typeof err?.code === 'string') parts.push(err.code);
  if (typeof err?.responseCode === 'number') parts.push(String(err.responseCode));
  if (typeof err?.message === 'string')
    parts.push(err.message.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s]*/gi, '[url]'));
  return parts.join(' ').slice(0, 500) || 'unknown error';
}
