// LDAP response messages as a server sends them, built with ldapts' BER writer, for the lean reader's tests.
import { BerWriter } from 'ldapts';

const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';

function message(
  id: number,
  op: number,
  body: (w: BerWriter) => void,
  controls?: (w: BerWriter) => void,
): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(id);
  w.startSequence(op);
  body(w);
  w.endSequence();
  if (controls) {
    w.startSequence(0xa0);
    controls(w);
    w.endSequence();
  }
  w.endSequence();
  return w.buffer;
}

export type AttributeValues = (string | Buffer)[];

export function entryMessage(id: number, dn: string, attributes: [string, AttributeValues][]): Buffer {
  return message(id, 0x64, (w) => {
    w.writeString(dn);
    w.startSequence();
    for (const [type, values] of attributes) {
      w.startSequence();
      w.writeString(type);
      w.startSequence(0x31);
      for (const v of values) {
        if (typeof v === 'string') w.writeString(v);
        else w.writeBuffer(v, 0x04);
      }
      w.endSequence();
      w.endSequence();
    }
    w.endSequence();
  });
}

export function referenceMessage(id: number, uris: string[]): Buffer {
  return message(id, 0x73, (w) => {
    for (const u of uris) w.writeString(u);
  });
}

function result(w: BerWriter, status: number, diagnostic: string): void {
  w.writeEnumeration(status);
  w.writeString('');
  w.writeString(diagnostic);
}

/** SearchResultDone; with `cookie` (even empty) it carries the paged-results response control. */
export function doneMessage(id: number, status = 0, diagnostic = '', cookie?: Buffer): Buffer {
  return message(
    id,
    0x65,
    (w) => result(w, status, diagnostic),
    cookie === undefined
      ? undefined
      : (w) => {
          w.startSequence();
          w.writeString(PAGED_RESULTS_OID);
          const v = new BerWriter();
          v.startSequence();
          v.writeInt(0);
          v.writeBuffer(cookie, 0x04);
          v.endSequence();
          w.writeBuffer(v.buffer, 0x04);
          w.endSequence();
        },
  );
}

export function bindResponse(id: number, status = 0, diagnostic = ''): Buffer {
  return message(id, 0x61, (w) => result(w, status, diagnostic));
}

export function extendedResponse(id: number, status = 0): Buffer {
  return message(id, 0x78, (w) => result(w, status, ''));
}
