// The lean connection against a scripted LDAP server on loopback that answers byte by byte: messages are
// reassembled whatever the chunking, paging follows the cookie, a failed result fails only its search, a
// malformed or silent server fails the connection, and aborting stops a read.
import net from 'node:net';
import { InvalidCredentialsError, NoSuchObjectError, PresenceFilter } from 'ldapts';
import { afterEach, describe, expect, it } from 'vitest';
import { bindResponse, doneMessage, entryMessage } from './ber.test-support.js';
import { LeanConnection, type LeanTarget, type PagedSearch } from './connection.js';
import { decodeMessage, EntryView, LdapProtocolError, messageLength } from './decode.js';

type Reply = (id: number, op: number, request: Buffer) => Buffer[] | 'silence' | 'garbage';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that answers each request by `reply`, writing the answer one byte at a time. */
async function scriptedServer(reply: Reply): Promise<{ port: number; requests: Buffer[] }> {
  const requests: Buffer[] = [];
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      for (let len = messageLength(pending, 0); len !== undefined && len <= pending.length;) {
        const request = pending.subarray(0, len);
        pending = pending.subarray(len);
        requests.push(Buffer.from(request));
        const m = decodeMessage(request);
        if (m.op === 0x42) socket.end(); // unbind
        const answer = reply(m.id, m.op, request);
        if (answer === 'garbage') socket.write(Buffer.from([0x04, 0x01, 0x00]));
        else if (answer !== 'silence')
          for (const byte of Buffer.concat(answer)) socket.write(Buffer.from([byte]));
        len = messageLength(pending, 0);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, requests };
}

const target = (port: number, o: Partial<LeanTarget> = {}): LeanTarget => ({
  host: '127.0.0.1',
  port,
  security: 'plain',
  tls: {},
  connectTimeoutMs: 2000,
  timeoutMs: 2000,
  ...o,
});

const search = (base = 'OU=Sales,DC=example,DC=test'): PagedSearch => ({
  base,
  scope: 'sub',
  filter: new PresenceFilter({ attribute: 'objectClass' }),
  attributes: ['cn', 'mail'],
  binary: [],
  pageSize: 2,
});

const SEARCH = 0x63;
const BIND = 0x60;

async function pagesOf(c: LeanConnection, s: PagedSearch) {
  const out = [];
  for await (const p of c.search(s)) out.push(p);
  return out;
}

describe('lean LDAP connection', () => {
  it('binds and pages through a search, following the cookie, from answers sent byte by byte', async () => {
    const cookie = Buffer.from('page-2');
    const { port, requests } = await scriptedServer((id, op, request) => {
      if (op === BIND) return [bindResponse(id)];
      if (op !== SEARCH) return [];
      const second = request.includes(cookie);
      return second
        ? [entryMessage(id, 'CN=C', [['cn', ['C']]]), doneMessage(id, 0, '', Buffer.alloc(0))]
        : [
            entryMessage(id, 'CN=A', [
              ['cn', ['A']],
              ['mail', ['a@x.test']],
            ]),
            entryMessage(id, 'CN=B', [['cn', ['B']]]),
            doneMessage(id, 0, '', cookie),
          ];
    });
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    const pages = await pagesOf(c, search());
    expect(pages.map((p) => p.entries)).toEqual([
      [
        { dn: 'CN=A', cn: 'A', mail: 'a@x.test' },
        { dn: 'CN=B', cn: 'B', mail: [] },
      ],
      [{ dn: 'CN=C', cn: 'C', mail: [] }],
    ]);
    // bind, page 1, page 2 (carrying the server's cookie)
    expect(requests.map((r) => decodeMessage(r).op)).toEqual([BIND, SEARCH, SEARCH]);
    expect(requests[2]?.includes(cookie)).toBe(true);
    await c.close();
  });

  it('onEntry takes the entries in place (pages stay empty) and paging still follows the cookie', async () => {
    const cookie = Buffer.from('page-2');
    const { port, requests } = await scriptedServer((id, op, request) => {
      if (op === BIND) return [bindResponse(id)];
      if (op !== SEARCH) return [];
      return request.includes(cookie)
        ? [entryMessage(id, 'CN=C', [['cn', ['C']]]), doneMessage(id, 0, '', Buffer.alloc(0))]
        : [entryMessage(id, 'CN=A', [['cn', ['A']]]), doneMessage(id, 0, '', cookie)];
    });
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    const seen: string[] = [];
    const view = new EntryView();
    const pages = await pagesOf(c, {
      ...search(),
      onEntry: (b, m) => {
        view.read(b, m, []);
        seen.push(view.dn());
      },
    });
    expect(pages.map((p) => [p.entries.length, p.count])).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(seen).toEqual(['CN=A', 'CN=C']);
    expect(requests.map((r) => decodeMessage(r).op)).toEqual([BIND, SEARCH, SEARCH]);
    await c.close();
  });

  it('a rejected bind fails open() with the LDAP result (49), as ldapts would', async () => {
    const { port } = await scriptedServer((id) => [bindResponse(id, 49, 'invalid credentials')]);
    await expect(LeanConnection.open(target(port), 'CN=svc', 'wrong')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });

  it('a failed search result fails that search only: the connection reads on', async () => {
    const { port } = await scriptedServer((id, op, request) => {
      if (op === BIND) return [bindResponse(id)];
      if (request.includes(Buffer.from('OU=Missing'))) return [doneMessage(id, 32, 'no such object')];
      return [entryMessage(id, 'CN=A', [['cn', ['A']]]), doneMessage(id, 0, '', Buffer.alloc(0))];
    });
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    await expect(pagesOf(c, search('OU=Missing,DC=example,DC=test'))).rejects.toBeInstanceOf(
      NoSuchObjectError,
    );
    const pages = await pagesOf(c, search());
    expect(pages[0]?.entries).toEqual([{ dn: 'CN=A', cn: 'A', mail: [] }]);
    await c.close();
  });

  it('a malformed answer fails the read and the connection', async () => {
    const { port } = await scriptedServer((id, op) => (op === BIND ? [bindResponse(id)] : 'garbage'));
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    await expect(pagesOf(c, search())).rejects.toBeInstanceOf(LdapProtocolError);
    await expect(pagesOf(c, search())).rejects.toBeInstanceOf(LdapProtocolError);
    await c.close();
  });

  it('a message announcing more than 64 MB fails the read instead of being buffered', async () => {
    const { port } = await scriptedServer((id, op) =>
      op === BIND ? [bindResponse(id)] : [Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02])],
    );
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    await expect(pagesOf(c, search())).rejects.toThrow(/a message of 2147483653 bytes/);
    await c.close();
  });

  it('an answer for another message fails the read', async () => {
    const { port } = await scriptedServer((id, op) =>
      op === BIND ? [bindResponse(id)] : [entryMessage(id + 5, 'CN=A', [['cn', ['A']]])],
    );
    const c = await LeanConnection.open(target(port), 'CN=svc', 'secret');
    await expect(pagesOf(c, search())).rejects.toThrow(/while waiting for an answer to message/);
    await c.close();
  });

  it('a server that stops answering times out', async () => {
    const { port } = await scriptedServer((id, op) => (op === BIND ? [bindResponse(id)] : 'silence'));
    const c = await LeanConnection.open(target(port, { timeoutMs: 150 }), 'CN=svc', 'secret');
    await expect(pagesOf(c, search())).rejects.toThrow('LDAP operation timed out');
    await c.close();
  });

  it('aborting the run stops a read that is waiting', async () => {
    const { port } = await scriptedServer((id, op) => (op === BIND ? [bindResponse(id)] : 'silence'));
    const abort = new AbortController();
    const c = await LeanConnection.open(target(port, { signal: abort.signal }), 'CN=svc', 'secret');
    const read = pagesOf(c, search());
    setTimeout(() => abort.abort(), 50);
    await expect(read).rejects.toMatchObject({ code: 'RUN_ABORTED' });
  });

  it('a refused connection fails open() with the socket error code (mapped as unreachable)', async () => {
    const { port } = await scriptedServer(() => []);
    await new Promise((r) => (servers.pop() as net.Server).close(r));
    await expect(LeanConnection.open(target(port), 'CN=svc', 'secret')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
