// Which page shape costs the receiving (main) thread least: the LDAP read runs in a worker and posts each
// page; the main thread, which also writes SQLite, pays for deserialising it. Times, for pages of 5,000
// people shaped like bench/ldap's users, the receive side (structured-clone deserialisation plus rebuilding
// ExternalPerson objects where the wire shape is not objects) and, for information, the send side.
//
//   node --expose-gc --import tsx bench/ldap/wire-format.ts [--records 5000] [--rounds 100] [--only joined]
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import type { ExternalPerson } from '../../src/integrations/framework/contract.js';
import { decodePage, encodePage } from '../../src/integrations/ldap/sync/wire.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '100' },
    /** Only the shapes whose name contains this (each shape in its own process gives steadier numbers). */
    only: { type: 'string' },
  },
});
const N = Number(args.records);
const ROUNDS = Number(args.rounds);
const FIELDS = [
  'name',
  'firstname',
  'surname',
  'email',
  'phone',
  'mobile',
  'title',
  'department',
  'office',
  'manager',
  'employee_id',
  'login',
];

function person(i: number): ExternalPerson {
  const fields: Record<string, string | null> = {};
  for (const f of FIELDS) fields[f] = f === 'mobile' || f === 'office' ? null : `${f} value of user ${i}`;
  return {
    externalId: `corp:${crypto.randomUUID()}`,
    containerId: `ou=OU ${i % 200},ou=People,dc=bench,dc=test`,
    disabled: i % 50 === 0,
    fields,
  };
}
const records = Array.from({ length: N }, (_, i) => person(i));

interface Shape {
  name: string;
  send: (r: ExternalPerson[]) => unknown;
  receive: (wire: unknown) => ExternalPerson[];
}
const SEP = '\u0000';
const NULL = '\u0001';
const shapes: Shape[] = [
  { name: 'objects (structured clone)', send: (r) => r, receive: (w) => w as ExternalPerson[] },
  {
    name: 'JSON text + JSON.parse',
    send: (r) => JSON.stringify(r),
    receive: (w) => JSON.parse(w as string) as ExternalPerson[],
  },
  {
    name: 'wire.ts (joined string, exact)',
    send: (r) => encodePage(r),
    receive: (w) => decodePage(w as ReturnType<typeof encodePage>),
  },
  {
    name: 'one joined string + split',
    send: (r) =>
      r
        .map((p) =>
          [
            p.externalId,
            p.containerId,
            p.disabled ? '1' : '',
            ...FIELDS.map((f) => p.fields[f] ?? NULL),
          ].join(SEP),
        )
        .join(SEP),
    receive: (w) => {
      const a = (w as string).split(SEP);
      const out: ExternalPerson[] = [];
      const stride = 3 + FIELDS.length;
      for (let i = 0; i < a.length; i += stride) {
        const fields: Record<string, string | null> = {};
        for (let j = 0; j < FIELDS.length; j++) {
          const v = a[i + 3 + j] as string;
          fields[FIELDS[j] as string] = v === NULL ? null : v;
        }
        out.push({
          externalId: a[i] as string,
          containerId: a[i + 1] as string,
          disabled: a[i + 2] === '1',
          fields,
        });
      }
      return out;
    },
  },
];

const gc = (globalThis as { gc?: () => void }).gc;
const { port1, port2 } = new MessageChannel();
for (const s of shapes.filter((x) => !args.only || x.name.includes(args.only))) {
  // Same result as the object form, or the comparison is meaningless.
  port1.postMessage(s.send(records));
  const back = s.receive(receiveMessageOnPort(port2)?.message);
  if (JSON.stringify(back) !== JSON.stringify(records)) throw new Error(`${s.name}: round trip differs`);
  let send = 0;
  let receive = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    port1.postMessage(s.send(records));
    const t1 = performance.now();
    // The send side's garbage is the worker's in real life: collect it outside the timed receive.
    gc?.();
    const t2 = performance.now();
    const got = s.receive(receiveMessageOnPort(port2)?.message);
    const t3 = performance.now();
    if (got.length !== N) throw new Error('lost records');
    if (r >= 5) {
      send += t1 - t0;
      receive += t3 - t2;
    }
  }
  const n = ROUNDS - 5;
  console.log(
    `${s.name.padEnd(34)} receive ${(receive / n).toFixed(2).padStart(6)} ms/page (${((receive / n / N) * 1e5).toFixed(0).padStart(4)} ms per 100k)  send ${(send / n).toFixed(2).padStart(6)} ms/page`,
  );
}
port1.close();
