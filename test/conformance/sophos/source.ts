// The conformance suite's handle over the fake Sophos Central: reset to the seeded estate, empty it, fail
// list requests after n pages, slow it down, and mutate it (a renamed tenant, a changed licence, a removed
// tenant with its licences).
import {
  generateSophosState,
  startFakeSophos,
  type FakeSophos,
  type SophosState,
} from '../../fakes/sophos/index.js';
import type { ConformanceSource } from '../run-conformance.js';

const SEED = 4242;
const TENANTS = 12;

/** The seeded estate; licence end dates moved into the future so only a sweep can expire a licence. */
function seeded(): SophosState {
  const state = generateSophosState({ seed: SEED, tenants: TENANTS, licencesPerTenant: 2 });
  for (const list of state.licences.values())
    for (const l of list) if (l.endDate !== undefined) l.endDate = '2099-12-31';
  return state;
}

export class SophosConformanceSource implements ConformanceSource {
  private fakeServer: FakeSophos | undefined;

  get fake(): FakeSophos {
    if (!this.fakeServer) throw new Error('the Sophos conformance source is not started');
    return this.fakeServer;
  }

  async start(): Promise<void> {
    this.fakeServer = await startFakeSophos({ state: seeded() });
  }

  async stop(): Promise<void> {
    await this.fakeServer?.close();
  }

  reset(): void {
    const fresh = seeded();
    const state = this.fake.state;
    // The server holds this state object: refill it in place.
    state.tenants.splice(0, state.tenants.length, ...fresh.tenants);
    state.licences.clear();
    for (const [id, list] of fresh.licences) state.licences.set(id, list);
    state.firewalls.splice(0, state.firewalls.length, ...fresh.firewalls);
    this.fake.clearFaults();
    this.fake.controls.latencyMs = 0;
  }

  makeEmpty(): void {
    this.fake.state.tenants.length = 0;
    this.fake.state.licences.clear();
  }

  failAfterPages(n: number | null): void {
    this.fake.clearFaults();
    if (n === null) return;
    // A plain 500 is not retried by the client, so the run fails at once (a 503 would be retried first).
    this.fake.inject({
      route: ['partner.tenants', 'licenses'],
      skip: n,
      times: Infinity,
      action: { type: 'status', status: 500 },
    });
  }

  delayPages(ms: number): void {
    this.fake.controls.latencyMs = ms;
  }

  mutate(): void {
    const { state } = this.fake;
    const first = state.tenants[0];
    if (first) {
      state.renameTenant(first.id, `${first.name} (renamed)`);
      const licence = state.licencesOf(first.id)[0];
      if (licence) state.updateLicence(first.id, licence.id, { quantity: (licence.quantity ?? 0) + 5 });
    }
    const last = state.tenants.at(-1);
    if (last) state.removeTenant(last.id);
  }
}
