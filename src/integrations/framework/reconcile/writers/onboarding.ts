// Onboarding: a newly created end user gets a ticket from the instance's template, opened through the
// tickets use case inside the page's transaction (so a rolled-back page or a dry run opens nothing) and
// attributed to the instance's API-only agent.
import { createTicket } from '../../../../core/tickets/create-ticket.js';
import { PermissionSet } from '../../../../core/permissions.js';
import { createLogger } from '../../../../log.js';
import type { ExternalPerson } from '../../contract.js';
import type { WriteCtx } from '../types.js';

const silent = createLogger('silent');

export async function openOnboardingTicket(
  w: WriteCtx,
  userId: number,
  t: NonNullable<ExternalPerson['onboardingTicket']>,
): Promise<void> {
  const ctx = {
    db: w.tx,
    actor: {
      agentId: w.agentId,
      kind: 'integration' as const,
      permissions: PermissionSet.all(),
      instanceId: w.instance.id,
    },
    log: silent,
    now: () => new Date(w.now),
  };
  await createTicket(ctx, {
    summary: t.summary,
    user_id: userId,
    ...(t.details !== undefined ? { details: t.details } : {}),
    ...(t.ticketTypeId !== undefined ? { tickettype_id: t.ticketTypeId } : {}),
    ...(t.teamId !== undefined ? { team_id: t.teamId } : {}),
    ...(t.priorityId !== undefined ? { priority_id: t.priorityId } : {}),
  });
}
