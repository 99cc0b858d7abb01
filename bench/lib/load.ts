// A small closed-loop HTTP load generator: C keep-alive connections each send requests back to back for a
// fixed duration; reports requests/second and latency percentiles measured at the client.
import http from 'node:http';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Body per request; a function gets the request number, so every POST can differ. */
  body?: string | ((n: number) => string);
  /** Path per request (overrides the URL's path), e.g. to vary a search term. */
  path?: (n: number) => string;
  connections: number;
  durationMs: number;
  /** Requests to send (and ignore) before measuring. */
  warmupRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  let n = 0;
  const send = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const i = n++;
      const body = typeof options.body === 'function' ? options.body(i) : options.body;
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: options.path ? options.path(i) : url.pathname + url.search,
          method: options.method ?? 'GET',
          agent,
          headers: { ...options.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      // One write for headers and body: separate writes meet Nagle + delayed ACK and add ~40 ms.
      req.end(body);
    });

  for (let i = 0; i < (options.warmupRequests ?? 200); i++) await send();

  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const deadline = start + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const status = await send();
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status >= 400) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsed = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    statusCounts,
    rps: Math.round((latencies.length / elapsed) * 1000),
    latencyMs: {
      p50: round(pct(50)),
      p90: round(pct(90)),
      p99: round(pct(99)),
      max: round(latencies[latencies.length - 1] ?? 0),
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    },
  };
}
