// Masks secret VALUES (client secrets, tokens, passwords) in text that leaves the process: error messages
// stored on runs, log lines. Key-based redaction (src/log.ts) cannot see a secret inside a message string.

const MASK = '[redacted]';
const MIN_LENGTH = 4;

/** Patterns that carry credentials whatever their value: bearer tokens and token/secret query parameters. */
const GENERIC = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /((?:access_token|refresh_token|client_secret|password|id_token)["']?\s*[=:]\s*["']?)[^"'&\s,}]+/gi,
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Redactor = (text: string) => string;

/** Builds a redactor for the given secret values (plain, URL-encoded and base64 forms). */
export function createRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
  }
  const pattern = forms.size
    ? new RegExp(
        [...forms]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      )
    : undefined;
  return (text: string) => {
    let out = pattern ? text.replace(pattern, MASK) : text;
    for (const g of GENERIC) out = out.replace(g, `$1${MASK}`);
    return out;
  };
}

/** Redacts with the given secrets once. */
export const redact = (text: string, secrets: Iterable<string | undefined | null>): string =>
  createRedactor(secrets)(text);
