// The connection the bulk directory read pages through: connect (LDAPS, StartTLS, or plain where the admin
// allowed it), simple bind, paged searches one page at a time, unbind. Requests are encoded by ldapts' message
// classes; responses are decoded by decode.ts straight from the bytes. Everything else the connector does
// (RootDSE, base lookups, discovery) stays on the ldapts client: this exists because parsing a large read
// through ldapts cost twice the CPU of the read itself (bench/README.md, "LDAP sync").
//
// One request is in flight at a time, and the next page is only asked for when the caller wants it, so at most
// one page of the directory is buffered here.
import net from 'node:net';
import tls from 'node:tls';
import {
  BindRequest,
  ExtendedRequest,
  PagedResultsControl,
  ResultCodeError,
  SearchRequest,
  StatusCodeParser,
  UnbindRequest,
  type Control,
  type Filter,
} from 'ldapts';
import { AppError } from '../../../core/errors.js';
import {
  decodeEntry,
  decodeMessage,
  decodeReference,
  decodeResult,
  LdapProtocolError,
  messageLength,
  OP,
  pagedCookie,
  type Entry,
  type LdapResult,
  type Message,
} from './decode.js';

const START_TLS_OID = '1.3.6.1.4.1.1466.20037';
const MAX_MESSAGE_ID = 2 ** 31 - 1;
/** The largest single message accepted: far above any entry (a 10,000-member group is ~1 MB). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** A failed LDAP result as the ldapts error class for its code, which ldapError() maps. */
function throwUnlessSuccess(result: LdapResult): void {
  if (result.status !== 0) throw StatusCodeParser.parse(result as never);
}

function unexpected(m: Message, id: number): LdapProtocolError {
  return new LdapProtocolError(
    m.id === 0
      ? 'the server sent an unsolicited notification (it is closing the connection)'
      : `message ${m.id}, operation 0x${m.op.toString(16)}, while waiting for an answer to message ${id}`,
  );
}

/** The handler of a request answered by one LDAPResult message (bind, StartTLS). */
function expectResult(id: number, op: number) {
  return (b: Buffer, at: number, end: number): true => {
    const m = decodeMessage(b, at, end);
    if (m.id !== id || m.op !== op) throw unexpected(m, id);
    throwUnlessSuccess(decodeResult(b, m));
    return true;
  };
}

export interface LeanTarget {
  host: string;
  port: number;
  security: 'ldaps' | 'starttls' | 'plain';
  /** The same TLS options the ldapts client gets (CA, server name, minimum version). */
  tls: tls.ConnectionOptions;
  connectTimeoutMs: number;
  /** Longest wait for the next response message. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface PagedSearch {
  base: string;
  scope: 'base' | 'one' | 'sub';
  filter: Filter;
  attributes: string[];
  /** Attribute types returned as Buffers. */
  binary: readonly string[];
  pageSize: number;
  controls?: Control[];
  /**
   * Takes each entry as it arrives instead of the page's `entries` (which stay empty): the message's bytes,
   * valid only during the call. The import's fast path reads them in place (sync/entry-columns.ts).
   */
  onEntry?: (b: Buffer, m: Message) => void;
}

export interface SearchPage {
  entries: Entry[];
  references: string[];
  /** Entries the page held (in `entries`, or handed to onEntry). */
  count: number;
}

/**
 * Handles one message, at b[at, end), of the operation in progress: returns the operation's outcome when this
 * message completes it, undefined while more are to come; throws to fail the operation.
 */
type MessageHandler<T> = (b: Buffer, at: number, end: number) => T | undefined;

/**
 * Cuts a socket's byte stream into complete LDAP messages and hands each, as it arrives, to the operation in
 * progress: no Buffer and no promise per message (a directory read is ~100,000 of them).
 */
class MessageReader {
  private chunks: Buffer[] = [];
  private queued = 0;
  /** Bytes the message at the head of `chunks` needs in all (0: not known yet). */
  private need = 0;
  private op:
    | {
        handle: MessageHandler<unknown>;
        resolve(v: unknown): void;
        reject(e: unknown): void;
        timer: NodeJS.Timeout;
      }
    | undefined;
  private failure: unknown;

  private readonly listeners = {
    data: (d: Buffer) => this.onData(d),
    error: (e: Error) => this.fail(e),
    close: () => this.fail(new Error('The LDAP server closed the connection')),
  };

  constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', this.listeners.data);
    socket.on('error', this.listeners.error);
    socket.on('close', this.listeners.close);
  }

  /** Stops reading the socket (StartTLS hands it to the TLS layer). */
  detach(): void {
    this.socket.off('data', this.listeners.data);
    this.socket.off('error', this.listeners.error);
    this.socket.off('close', this.listeners.close);
  }

  /** Sends a request and feeds the messages that follow to `handle` until it returns the outcome. */
  exchange<T>(request: Buffer, handle: MessageHandler<T>): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.op) return Promise.reject(new Error('LeanConnection: one request at a time'));
    return new Promise<T>((resolve, reject) => {
      // The timeout counts from the last data received: a long read that keeps coming never times out.
      const timer = setTimeout(() => {
        this.fail(new Error('LDAP operation timed out'));
        this.socket.destroy();
      }, this.timeoutMs);
      this.op = { handle, resolve: resolve as (v: unknown) => void, reject, timer };
      this.socket.write(request);
    });
  }

  private onData(d: Buffer): void {
    this.op?.timer.refresh();
    this.chunks.push(d);
    this.queued += d.length;
    if (this.need && this.queued < this.need) return;
    const buf =
      this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.queued);
    let at = 0;
    this.need = 0;
    try {
      for (;;) {
        const len = messageLength(buf, at);
        if (len === undefined) break;
        // A length no directory entry needs (a broken or hostile server) must not make us buffer without end.
        if (len > MAX_MESSAGE_BYTES) throw new LdapProtocolError(`a message of ${len} bytes`);
        if (at + len > buf.length) {
          this.need = len;
          break;
        }
        const op = this.op;
        // Nothing was asked: an unsolicited notification (a server about to disconnect) or a protocol error.
        if (!op) throw new LdapProtocolError('a message arrived with no request waiting');
        let outcome: unknown;
        try {
          outcome = op.handle(buf, at, at + len);
        } catch (e) {
          // A failed LDAP result ends its operation; the connection itself is fine for the next request.
          if (!(e instanceof ResultCodeError)) throw e;
          this.op = undefined;
          clearTimeout(op.timer);
          op.reject(e);
          at += len;
          continue;
        }
        at += len;
        if (outcome !== undefined) {
          this.op = undefined;
          clearTimeout(op.timer);
          op.resolve(outcome);
        }
      }
    } catch (e) {
      this.fail(e);
      this.socket.destroy();
      return;
    }
    this.chunks = at < buf.length ? [buf.subarray(at)] : [];
    this.queued = buf.length - at;
  }

  fail(e: unknown): void {
    this.failure ??= e;
    const op = this.op;
    if (!op) return;
    this.op = undefined;
    clearTimeout(op.timer);
    op.reject(this.failure);
  }
}

/** `socket` once `ready` fires; an error or the connect timeout destroys it and rejects. */
function whenReady<S extends net.Socket>(
  socket: S,
  ready: 'connect' | 'secureConnect',
  timeoutMs: number,
): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('Connection timeout'));
    }, timeoutMs);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error'); // the MessageReader listens from here on
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

function connectSocket(t: LeanTarget): Promise<net.Socket> {
  return t.security === 'ldaps'
    ? whenReady(tls.connect({ host: t.host, port: t.port, ...t.tls }), 'secureConnect', t.connectTimeoutMs)
    : whenReady(net.connect({ host: t.host, port: t.port }), 'connect', t.connectTimeoutMs);
}

/** StartTLS: TLS over the plain connection, verified against the same host name. */
function upgrade(plain: net.Socket, t: LeanTarget): Promise<tls.TLSSocket> {
  const socket = tls.connect({ socket: plain, host: t.host, ...t.tls });
  plain.on('error', (e) => socket.destroy(e));
  return whenReady(socket, 'secureConnect', t.connectTimeoutMs);
}

export class LeanConnection {
  private messageId = 0;
  private closed = false;
  private readonly onAbort = () =>
    this.destroy(new AppError('RUN_ABORTED', 'transient', 'The run was stopped'));

  private constructor(
    private readonly socket: net.Socket,
    private readonly reader: MessageReader,
    private readonly target: LeanTarget,
  ) {
    target.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Connects and binds; throws ldapts' ResultCodeError subclasses for LDAP results, socket errors as they come. */
  static async open(t: LeanTarget, bindDn: string, password: string): Promise<LeanConnection> {
    let socket = await connectSocket(t);
    let messageId = 0;
    if (t.security === 'starttls') {
      const plain = new MessageReader(socket, t.timeoutMs);
      try {
        const id = ++messageId;
        await plain.exchange(
          new ExtendedRequest({ messageId: id, oid: START_TLS_OID }).write(),
          expectResult(id, OP.extendedResponse),
        );
      } catch (e) {
        socket.destroy();
        throw e;
      }
      plain.detach(); // from here the TLS layer reads the socket
      socket = await upgrade(socket, t);
    }
    const conn = new LeanConnection(socket, new MessageReader(socket, t.timeoutMs), t);
    conn.messageId = messageId;
    try {
      const id = conn.nextId();
      await conn.reader.exchange(
        new BindRequest({ messageId: id, dn: bindDn, password }).write(),
        expectResult(id, OP.bindResponse),
      );
      return conn;
    } catch (e) {
      conn.destroy();
      throw e;
    }
  }

  private nextId(): number {
    this.messageId = this.messageId >= MAX_MESSAGE_ID ? 1 : this.messageId + 1;
    return this.messageId;
  }

  /**
   * Pages of a paged search (RFC 2696), each asked for when the previous one was taken. As ldapts does, paging
   * goes on while the server returns a cookie and the page held something.
   */
  async *search(s: PagedSearch): AsyncGenerator<SearchPage> {
    let cookie: Buffer = Buffer.alloc(0);
    for (;;) {
      const id = this.nextId();
      const paged = new PagedResultsControl({ value: { size: s.pageSize, cookie } });
      const request = new SearchRequest({
        messageId: id,
        baseDN: s.base,
        scope: s.scope,
        filter: s.filter,
        attributes: s.attributes,
        controls: [paged, ...(s.controls ?? [])],
      });
      const page: SearchPage = { entries: [], references: [], count: 0 };
      const onEntry = s.onEntry;
      cookie = await this.reader.exchange(request.write(), (b, at, end) => {
        const m = decodeMessage(b, at, end);
        if (m.id !== id) throw unexpected(m, id);
        if (m.op === OP.searchEntry) {
          page.count++;
          if (onEntry) onEntry(b, m);
          else page.entries.push(decodeEntry(b, m, s.attributes, s.binary));
        } else if (m.op === OP.searchReference) page.references.push(...decodeReference(b, m));
        else if (m.op === OP.searchDone) {
          throwUnlessSuccess(decodeResult(b, m));
          return pagedCookie(b, m);
        } else throw unexpected(m, id);
        return undefined;
      });
      yield page;
      if (cookie.length === 0 || (page.count === 0 && page.references.length === 0)) return;
    }
  }

  /** Unbinds and closes; never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.target.signal?.removeEventListener('abort', this.onAbort);
    if (this.socket.destroyed) return;
    // The server answers an unbind by closing; one that does not is cut off after a second.
    this.socket.end(new UnbindRequest({ messageId: this.nextId() }).write());
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private destroy(reason?: unknown): void {
    if (reason !== undefined) this.reader.fail(reason);
    this.closed = true;
    this.target.signal?.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
  }
}
