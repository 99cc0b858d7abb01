// Test support: a TCP proxy in front of plain-LDAP test servers that injects faults at the protocol level.
// It frames the server's BER messages, so it can count search PAGES (SearchResultDone carrying the
// paged-results control), reset the connection after N more pages (a server dying mid-enumeration), or hold
// each page back (slow pages, for the kill -9 test). The upstream can be switched between servers.
import net from 'node:net';

const SEARCH_RESULT_DONE = 0x65;

/** Reads a BER length at `i`: [length, bytes used] or undefined when incomplete. */
function berLength(b: Buffer, i: number): [number, number] | undefined {
  if (i >= b.length) return undefined;
  const first = b[i] as number;
  if (first < 0x80) return [first, 1];
  const n = first & 0x7f;
  if (i + n >= b.length) return undefined;
  let len = 0;
  for (let k = 1; k <= n; k++) len = len * 256 + (b[i + k] as number);
  return [len, 1 + n];
}

/** Is this complete LDAPMessage a SearchResultDone with controls (a paged search's page end)? */
function isPageEnd(msg: Buffer): boolean {
  const outer = berLength(msg, 1);
  if (!outer) return false;
  let i = 1 + outer[1];
  const idLen = berLength(msg, i + 1);
  if (!idLen) return false;
  i += 1 + idLen[1] + idLen[0]; // skip messageID
  if (msg[i] !== SEARCH_RESULT_DONE) return false;
  const opLen = berLength(msg, i + 1);
  if (!opLen) return false;
  i += 1 + opLen[1] + opLen[0];
  return i < msg.length && msg[i] === 0xa0; // [0] controls follow the result
}

export class LdapFaultProxy {
  private server = net.createServer((c) => this.handle(c));
  private sockets = new Set<net.Socket>();
  private pagesLeft: number | null = null;
  private delayMs = 0;
  port = 0;

  constructor(private upstream: () => { host: string; port: number }) {}

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** After `n` more pages every page-end resets the connection (null: no fault). */
  failAfterPages(n: number | null): void {
    this.pagesLeft = n;
  }

  delayPages(ms: number): void {
    this.delayMs = ms;
  }

  private handle(client: net.Socket): void {
    const { host, port } = this.upstream();
    const up = net.connect(port, host);
    this.sockets.add(client).add(up);
    const kill = () => {
      client.destroy();
      up.destroy();
      this.sockets.delete(client);
      this.sockets.delete(up);
    };
    client.on('error', kill).on('close', kill);
    up.on('error', kill).on('close', kill);
    client.pipe(up);
    let buf = Buffer.alloc(0);
    let chain = Promise.resolve();
    up.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2) {
        const len = berLength(buf, 1);
        if (!len || buf.length < 1 + len[1] + len[0]) break;
        const msg = buf.subarray(0, 1 + len[1] + len[0]);
        buf = buf.subarray(msg.length);
        const pageEnd = isPageEnd(msg);
        chain = chain.then(async () => {
          if (pageEnd) {
            if (this.pagesLeft !== null) {
              if (this.pagesLeft <= 0) return kill();
              this.pagesLeft--;
            }
            if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
          }
          if (!client.destroyed) client.write(msg);
        });
      }
    });
  }
}
