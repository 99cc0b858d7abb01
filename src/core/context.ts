// The context every use case receives: the database, who is acting, and a clock.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Tx } from '../db/transaction.js';
import { forbidden } from './errors.js';
import { PermissionSet, type Access, type Area } from './permissions.js';

export interface Actor {
  /** The agent the action is attributed to (an application's login agent, a console user, an integration's API-only agent). */
  agentId: number | null;
  kind: 'agent' | 'application' | 'integration' | 'system';
  permissions: PermissionSet;
  applicationId?: number;
  instanceId?: number;
}

export interface Ctx {
  db: Db | Tx;
  actor: Actor;
  log: Logger;
  now(): Date;
}

export const systemActor = (): Actor => ({ agentId: null, kind: 'system', permissions: PermissionSet.all() });

/** Throws 403 unless the actor may perform `access` on `area`. Call it before any read or write. */
export function requireAccess(ctx: Pick<Ctx, 'actor'>, area: Area, access: Access): void {
  if (!ctx.actor.permissions.can(area, access)) {
    throw forbidden(`This requires ${access} access to ${area}`);
  }
}

export function requireAdmin(ctx: Pick<Ctx, 'actor'>): void {
  if (!ctx.actor.permissions.isAdmin) throw forbidden('This requires the admin permission');
}

export const isoNow = (ctx: Pick<Ctx, 'now'>): string => ctx.now().toISOString();
