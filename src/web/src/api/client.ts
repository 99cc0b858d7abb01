// The console's only way to the server: JSON over fetch to /admin/api, with the session cookie. Errors come
// back as ApiError carrying the server's code, message and per-field issues, so forms can show them in place.

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
  }
  /** The issue for one form field; server paths look like "body.name" or "body.config.clientId". */
  fieldError(name: string): string | undefined {
    const hit = this.fields.find((f) => {
      const p = f.field.replace(/^body\./, '');
      return p === name || p.endsWith(`.${name}`);
    });
    return hit?.message;
  }
}

/** Raised on any 401 so the shell can show the login page. */
export const UNAUTHENTICATED_EVENT = 'tributary:unauthenticated';

const BASE = '/admin/api';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (signal) init.signal = signal;
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check that Tributary is running.');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; errors?: unknown };
    const fields = Array.isArray(err.errors)
      ? (err.errors as FieldIssue[]).filter((f) => typeof f?.field === 'string')
      : [];
    const message =
      typeof err.message === 'string' ? err.message : `The server answered ${res.status} ${res.statusText}`;
    const code = typeof err.code === 'string' ? err.code : `HTTP_${res.status}`;
    if (res.status === 401 && !path.startsWith('/session'))
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(res.status, code, message, fields);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Builds a query string, leaving out empty values. */
export function qs(values: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong';
}
