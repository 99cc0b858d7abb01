// The text of the three integrator e-mails: failing, recovered, paused. Plain text, short, actionable.
import type { NotificationKind } from '../../db/schema/integrator.js';

export interface NoticeFacts {
  kind: NotificationKind;
  instanceId: number;
  instanceName: string;
  connectorId: string;
  at: Date;
  runId: number | null;
  errorCode?: string | undefined;
  /** Already redacted. */
  errorMessage?: string | undefined;
  consecutiveFailures?: number | undefined;
  pausedReason?: string | undefined;
  publicUrl?: string | undefined;
}

export interface Notice {
  subject: string;
  text: string;
}

export function composeNotice(f: NoticeFacts): Notice {
  const label = `${f.instanceName} (${f.connectorId})`;
  const lines: string[] = [];
  let subject: string;
  if (f.kind === 'failure') {
    subject = `[Tributary] Sync failing: ${label}`;
    lines.push(`The integration "${f.instanceName}" failed to sync.`, '');
  } else if (f.kind === 'recovery') {
    subject = `[Tributary] Sync recovered: ${label}`;
    lines.push(`The integration "${f.instanceName}" synced successfully again.`, '');
  } else {
    subject = `[Tributary] Sync paused: ${label}`;
    lines.push(
      `The integration "${f.instanceName}" has been paused and will not run on its schedule until it is resumed.`,
      '',
    );
  }
  lines.push(`Instance:  ${f.instanceName} (#${f.instanceId})`);
  lines.push(`Connector: ${f.connectorId}`);
  lines.push(`When:      ${f.at.toISOString()}`);
  if (f.runId) lines.push(`Run:       #${f.runId}`);
  if (f.errorCode) lines.push(`Error:     ${f.errorCode}`);
  if (f.errorMessage) lines.push(`Message:   ${f.errorMessage}`);
  if (f.consecutiveFailures !== undefined && f.kind !== 'recovery')
    lines.push(`Consecutive failures: ${f.consecutiveFailures}`);
  if (f.pausedReason) lines.push(`Reason:    ${f.pausedReason}`);
  lines.push('');
  if (f.kind === 'failure')
    lines.push('You will not be e-mailed again for this integration until it recovers or is paused.');
  if (f.kind === 'paused')
    lines.push(
      'Fix the cause, then resume it in the console or with: tributary integrator --resume ' + f.instanceId,
    );
  if (f.publicUrl) lines.push(`Console: ${f.publicUrl.replace(/\/$/, '')}/integrations/${f.instanceId}`);
  lines.push('', 'You receive this because "notify on sync failures" is set on your agent.');
  return { subject, text: lines.join('\n') };
}
