// Halo ticket types point at a workflow (`workflow_id`) whose steps list the actions (outcomes) agents may use;
// CIPP builds its outcome dropdown from /tickettype/{id}.workflow_id → /Workflow/{id}.steps[].actions[].action_id
// → /Outcome. Tributary has no workflow engine, so there is one built-in workflow: every active outcome is
// allowed at its single step. Every ticket type reports it.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { listLookups } from '../lookups/list-lookups.js';

export const DEFAULT_WORKFLOW_ID = 1;

export interface WorkflowWire {
  id: number;
  name: string;
  steps: { id: number; name: string; actions: { action_id: number; action_name: string }[] }[];
}

export async function getWorkflow(ctx: Ctx, id: number): Promise<WorkflowWire> {
  if (id !== DEFAULT_WORKFLOW_ID) throw notFound('workflow', id);
  const outcomes = await listLookups(ctx, 'outcome');
  return {
    id: DEFAULT_WORKFLOW_ID,
    name: 'Default',
    steps: [
      {
        id: 1,
        name: 'Any',
        actions: outcomes.map((o) => ({
          action_id: o.id,
          action_name: String(o.buttonname ?? o.name ?? ''),
        })),
      },
    ],
  };
}

export async function listWorkflows(ctx: Ctx): Promise<WorkflowWire[]> {
  return [await getWorkflow(ctx, DEFAULT_WORKFLOW_ID)];
}
