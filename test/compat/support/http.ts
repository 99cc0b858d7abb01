// A tiny recorder around fetch: every compatibility test sends exactly the bytes its tool sends and keeps a
// log of (method, path, status) so a failing assertion shows the conversation that led to it.
export interface Exchange {
  method: string;
  url: string;
  status: number;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class Wire {
  readonly log: Exchange[] = [];

  async send<T = unknown>(
    method: string,
    url: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Reply<T>> {
    const res = await fetch(url, {
      method,
      headers: init.headers ?? {},
      ...(init.body !== undefined && { body: init.body }),
    });
    const text = await res.text();
    this.log.push({ method, url, status: res.status });
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: body as T, text };
  }

  /** What a test prints on failure. */
  transcript(): string {
    return this.log.map((e) => `${e.method} ${e.url} -> ${e.status}`).join('\n');
  }
}

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** Asserts a status and returns the body, with the transcript in the error. */
export function expectStatus<T>(wire: Wire, reply: Reply<T>, status: number): T {
  if (reply.status !== status) {
    throw new Error(
      `expected ${status}, got ${reply.status}: ${reply.text.slice(0, 500)}\n--- transcript ---\n${wire.transcript()}`,
    );
  }
  return reply.body;
}
