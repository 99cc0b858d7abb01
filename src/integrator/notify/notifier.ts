// What happens after every run the integrator started: e-mail on the first failure, on recovery and on
// pausing; never more than one mail per change of state, whichever process ran the run. Mail failures
// are logged and recorded, never thrown.
import type { Logger } from 'pino';
import type { Db } from '../../db/transaction.js';
import type { NotificationKind } from '../../db/schema/integrator.js';
import { getInstance } from '../instances.js';
import { pauseIfOverThreshold } from '../pause.js';
import type { RunOutcome } from '../runner-port.js';
import { pauseThreshold, transitionNotified } from '../state.js';
import { describeMailError, type Mailer } from './mailer.js';
import { composeNotice, type NoticeFacts } from './messages.js';
import { redactMessage } from './redact.js';

export interface NotifierDeps {
  db: Db;
  log: Logger;
  /** Resolved at each notice (settings may change at runtime); undefined = no SMTP configured. */
  mailer: () => Promise<Mailer | undefined>;
  /** The global pause threshold (a per-instance override wins). */
  pauseAfterFailures: () => Promise<number>;
  publicUrl?: string | undefined;
  /** Called when this process paused an instance (so the local scheduler drops it at once). */
  onPaused?: (instanceId: number) => void;
}

export interface AfterRunInfo {
  instanceId: number;
  outcome: RunOutcome;
  /** The queue will retry this run: not a final failure yet, so nobody is told. */
  willRetry: boolean;
  dryRun?: boolean;
}

export type AfterRunHook = (info: AfterRunInfo) => Promise<void>;

export function createNotifier(deps: NotifierDeps): AfterRunHook {
  return async (info) => {
    try {
      await afterRun(deps, info);
    } catch (e) {
      deps.log.error({ err: e, instanceId: info.instanceId }, 'integrator: notification bookkeeping failed');
    }
  };
}

async function afterRun(
  deps: NotifierDeps,
  { instanceId, outcome, willRetry, dryRun }: AfterRunInfo,
): Promise<void> {
  if (dryRun) return;
  const { db } = deps;
  if (outcome.status === 'succeeded' || outcome.status === 'partial') {
    if (await transitionNotified(db, instanceId, ['failing', 'paused'], 'ok')) {
      await notify(deps, { kind: 'recovery', instanceId, runId: outcome.runId });
    }
    return;
  }
  if (outcome.status !== 'failed' || willRetry) return;

  const message = outcome.error ? redactMessage(outcome.error.message) : undefined;
  const errorCode = outcome.error?.code;
  if (await transitionNotified(db, instanceId, ['ok'], 'failing')) {
    await notify(deps, {
      kind: 'failure',
      instanceId,
      runId: outcome.runId,
      errorCode,
      errorMessage: message,
    });
  }
  const threshold = await pauseThreshold(db, instanceId, await deps.pauseAfterFailures());
  const lastError = outcome.error ? `${outcome.error.code}: ${message ?? ''}` : null;
  const reason = await pauseIfOverThreshold(db, instanceId, threshold, lastError);
  if (reason === undefined) return;
  deps.log.warn({ instanceId, reason }, 'integrator: instance paused');
  deps.onPaused?.(instanceId);
  if (await transitionNotified(db, instanceId, ['ok', 'failing'], 'paused')) {
    await notify(deps, {
      kind: 'paused',
      instanceId,
      runId: outcome.runId,
      errorCode,
      errorMessage: message,
      pausedReason: reason,
    });
  }
}

interface NotifyInput {
  kind: NotificationKind;
  instanceId: number;
  runId: number | null;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  pausedReason?: string | undefined;
}

async function notify(deps: NotifierDeps, input: NotifyInput): Promise<void> {
  const { db, log } = deps;
  const instance = await getInstance(db, input.instanceId);
  const recipients = await db
    .selectFrom('agents')
    .select('email')
    .where('notify_sync_failures', '=', 1)
    .where('inactive', '=', 0)
    .where('email', 'is not', null)
    .where('email', '!=', '')
    .orderBy('id')
    .execute();
  const to = [...new Set(recipients.map((r) => r.email).filter((e): e is string => typeof e === 'string'))];
  const facts: NoticeFacts = {
    ...input,
    instanceName: instance?.name ?? `instance ${input.instanceId}`,
    connectorId: instance?.connectorId ?? 'unknown',
    at: new Date(),
    consecutiveFailures: instance?.consecutiveFailures,
    publicUrl: deps.publicUrl,
  };
  let status: string;
  let error: string | null = null;
  if (to.length === 0) {
    status = 'no_recipients';
    log.info(
      { instanceId: input.instanceId, kind: input.kind },
      'integrator: no agent has opted in to sync failure e-mails',
    );
  } else {
    const mailer = await deps.mailer().catch((e: unknown) => {
      log.error({ err: e }, 'integrator: could not read the SMTP settings');
      return undefined;
    });
    if (!mailer) {
      status = 'no_smtp';
      log.warn(
        { instanceId: input.instanceId, kind: input.kind },
        'integrator: SMTP is not configured (SMTP_URL); sync notice not e-mailed',
      );
    } else {
      try {
        await mailer.send({ to, ...composeNotice(facts) });
        status = 'sent';
        log.info(
          { instanceId: input.instanceId, kind: input.kind, recipients: to.length },
          'integrator: sync notice e-mailed',
        );
      } catch (e) {
        status = 'failed';
        error = describeMailError(e);
        log.error(
          { instanceId: input.instanceId, kind: input.kind, error },
          'integrator: sending the sync notice failed',
        );
      } finally {
        mailer.close();
      }
    }
  }
  await db
    .insertInto('integrator_notifications')
    .values({
      instance_id: input.instanceId,
      kind: input.kind,
      recipients: JSON.stringify(to),
      error_code: input.errorCode ?? null,
      status,
      error,
      created_at: new Date().toISOString(),
    })
    .execute();
}
