// `check` never throws: it gets a token, asks whoami, and for partner/organization credentials reads one
// tenant page to prove the listing works. Failures carry a kind by error kind or cause code, never by text.
import type { CheckFailureKind, CheckResult, ConnectorContext } from '../framework/contract.js';
import { checkFailure } from '../framework/contract.js';
import { sophosClient } from './client.js';
import type { SophosConfig } from './manifest.js';

/** Node's TLS failures surface as these codes somewhere in the cause chain. */
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(GET|VERIFY)_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;

function causeCodes(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur !== null && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

export function sophosCheckFailure(e: unknown): CheckResult {
  const base = checkFailure(e);
  if (base.ok) return base;
  const codes = causeCodes(e);
  let kind: CheckFailureKind = base.kind;
  if (codes.some((c) => TLS_CODE.test(c))) kind = 'tls';
  else if (codes.includes('VENDOR_UNREACHABLE') || codes.includes('VENDOR_TIMEOUT')) kind = 'network';
  else if (codes.includes('VENDOR_AUTH_FAILED') || codes.includes('VENDOR_UNAUTHORIZED')) kind = 'auth';
  return { ok: false, kind, message: base.message };
}

export async function checkSophos(ctx: ConnectorContext<SophosConfig>): Promise<CheckResult> {
  try {
    // An admin is waiting: one quick retry, not the sync's patient backoff.
    const client = sophosClient(ctx, { maxAttempts: 2, baseDelayMs: 200, budgetMs: 5_000 });
    const me = await client.whoami();
    if (me.idType === 'tenant') {
      return {
        ok: true,
        message: `Connected as Sophos tenant ${me.id}`,
        details: { idType: me.idType, id: me.id },
      };
    }
    const first = await client.tenantPages().next();
    const tenants = first.done ? 0 : (first.value.totalItems ?? first.value.tenants.length);
    return {
      ok: true,
      message: `Connected as Sophos ${me.idType} ${me.id}: ${tenants} tenant(s)`,
      details: { idType: me.idType, id: me.id, tenants },
    };
  } catch (e) {
    return sophosCheckFailure(e);
  }
}
