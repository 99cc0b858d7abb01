// Scripted faults: "the 3rd tenants page answers 500 once", "the next request gets 401 although its token is
// valid", "licences for tenant X stall". Each fault matches on route/page/tenant/client, can let the first
// `skip` matches through ("fail after"), fires `times` times, then retires itself.

import type { SophosRouteName } from './types.js';

export type FaultAction =
  /** Answer with this status and a §1.5 error body; `retryAfter` adds a Retry-After header (seconds or a date). */
  | { type: 'status'; status: number; message?: string; retryAfter?: number | string }
  /** 401 with the expired-token body (§1.1) even though the token is still valid: tests refresh-once-and-retry. */
  | { type: 'unauthorized' }
  /** Hold the request: for `ms` then answer normally (a slow response), or forever (until close) when omitted. */
  | { type: 'stall'; ms?: number }
  /** Destroy the socket without a response (connection reset mid-sync, reliability §4 #2). */
  | { type: 'reset' };

export interface FaultSpec {
  /** Only these routes; default: every route except `token`. */
  route?: SophosRouteName | readonly SophosRouteName[];
  /** Only this `page` query value (requests without `page` are page 1). */
  page?: number;
  /** Only requests whose X-Tenant-ID is this tenant. */
  tenantId?: string;
  /** Only requests whose bearer token belongs to this client id (never matches on the token route). */
  clientId?: string;
  /** Let this many matching requests through before firing. Default 0. */
  skip?: number;
  /** How many times to fire; default 1, `Infinity` for always. */
  times?: number;
  action: FaultAction;
}

export interface FaultContext {
  route: SophosRouteName;
  page: number;
  tenantId: string | undefined;
  clientId: string | undefined;
}

/** Handle returned by `inject`; tests read `fired` to prove the fault really happened. */
export interface InjectedFault {
  readonly spec: FaultSpec;
  readonly fired: number;
  readonly done: boolean;
  cancel(): void;
}

class ActiveFault implements InjectedFault {
  seen = 0;
  fired = 0;
  cancelled = false;
  constructor(readonly spec: FaultSpec) {}

  get done(): boolean {
    return this.cancelled || this.fired >= (this.spec.times ?? 1);
  }

  cancel(): void {
    this.cancelled = true;
  }

  matches(ctx: FaultContext): boolean {
    const { route, page, tenantId, clientId } = this.spec;
    if (
      route === undefined
        ? ctx.route === 'token'
        : !(typeof route === 'string' ? [route] : route).includes(ctx.route)
    )
      return false;
    if (page !== undefined && page !== ctx.page) return false;
    if (tenantId !== undefined && tenantId !== ctx.tenantId) return false;
    if (clientId !== undefined && clientId !== ctx.clientId) return false;
    return true;
  }
}

export class FaultPlan {
  private faults: ActiveFault[] = [];
  firedTotal = 0;

  inject(spec: FaultSpec): InjectedFault {
    const fault = new ActiveFault(spec);
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    for (const fault of this.faults) fault.cancel();
    this.faults = [];
  }

  get pending(): number {
    return this.faults.filter((f) => !f.done).length;
  }

  /** The action to take for this request, if a fault fires; first matching live fault wins. */
  take(ctx: FaultContext): FaultAction | undefined {
    this.faults = this.faults.filter((f) => !f.done);
    for (const fault of this.faults) {
      if (!fault.matches(ctx)) continue;
      if (fault.seen < (fault.spec.skip ?? 0)) {
        fault.seen++;
        continue;
      }
      fault.fired++;
      this.firedTotal++;
      return fault.spec.action;
    }
    return undefined;
  }
}
