// A full read's pages as the read worker posts them, built while the search's messages arrive: each entry of
// a mapped OU goes through the fast path (entry-columns.ts) into the page's wire columns, or, when the fast
// path declines it, through the general one (decodeEntry → the caller's `general`) as an object beside them.
import type { ExternalPerson } from '../../framework/contract.js';
import { stampAfter, type DomainWatermark } from '../incremental/cursor.js';
import { decodeEntry, EntryView, type Entry, type Message } from '../lean/decode.js';
import type { PersonContext } from '../mappers.js';
import { BINARY_ATTRIBUTES } from '../vendor.js';
import { EntryEncoder } from './entry-columns.js';
import type { WirePage } from './wire.js';
import type { WireWriter } from './wire-writer.js';

export interface WireEmitOptions {
  person: PersonContext;
  /** The search's attributes (what decodeEntry gives every entry, present or not). */
  requested: readonly string[];
  /** The OpenLDAP watermark this read moves past every emitted entry's modifyTimestamp; undefined for AD. */
  watermark: DomainWatermark | undefined;
  /** The container an entry is emitted in, by its DN; undefined: not this search's to emit. */
  containerOf: (dn: string) => string | undefined;
  /** The general path: the person of a decoded entry (it moves the watermark itself). */
  general: (e: Entry, containerId: string) => ExternalPerson;
}

export class WireEmitter {
  private readonly view = new EntryView();
  private writer: WireWriter;
  /** What failed while the page's entries arrived; take() throws it after the page, as the general path did. */
  private failure: { error: unknown } | undefined;

  private constructor(
    private readonly o: WireEmitOptions,
    private readonly encoder: EntryEncoder,
  ) {
    this.writer = encoder.writer();
  }

  /** An emitter, or undefined when the fast path does not apply to these people (EntryEncoder.for). */
  static for(o: WireEmitOptions): WireEmitter | undefined {
    const encoder = EntryEncoder.for(o.person);
    return encoder && new WireEmitter(o, encoder);
  }

  /** For SearchSpec.onEntry: runs inside the connection's message handler, on bytes valid only meanwhile. */
  readonly onEntry = (b: Buffer, m: Message): void => {
    if (this.failure) return;
    const view = this.view;
    view.read(b, m, BINARY_ATTRIBUTES);
    const container = this.o.containerOf(view.dn());
    if (container === undefined) return;
    if (this.encoder.encode(view, container, this.writer)) {
      const w = this.o.watermark;
      if (w) {
        const ts = stampAfter(w.modifyTimestamp, this.encoder.modifyTimestamp);
        if (ts) w.modifyTimestamp = ts;
      }
      return;
    }
    const e = decodeEntry(b, m, this.o.requested, BINARY_ATTRIBUTES);
    try {
      this.writer.addOdd(this.o.general(e, container));
    } catch (error) {
      // A person the mapping refuses (no anchor value) fails the read, after the pages before this one.
      this.failure = { error };
    }
  };

  /** The page the entries since the last take() make; throws what failed among them. */
  take(): WirePage {
    if (this.failure) throw this.failure.error;
    const page = this.writer.finish();
    this.writer = this.encoder.writer();
    return page;
  }
}
