// Error messages go into e-mails: scrub anything that looks like a credential first. The runner's
// messages are meant to be safe already; this is the second line of defence.
const PATTERNS: Array<[RegExp, string]> = [
  // scheme://user:password@host → scheme://[redacted]@host
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [
    /\b(password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api[_-]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    '$1$2[redacted]',
  ],
  // JWT-shaped blobs
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}/g, '[redacted-jwt]'],
];

export function redactMessage(message: string, maxLength = 1000): string {
  let out = message;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}
