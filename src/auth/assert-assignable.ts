// Halo: "API-only Agents may not log into the Web or Mobile Applications nor can they be assigned tickets."
import { AppError } from '../core/errors.js';

export interface AssignableAgent {
  id: number;
  is_api_only: number | boolean;
  inactive: number | boolean;
}

/** Throws a 400 naming `field` unless the agent can be given tickets. Call it wherever agent_id is set. */
export function assertAssignable(agent: AssignableAgent, field = 'agent_id'): void {
  if (agent.is_api_only === 1 || agent.is_api_only === true) {
    throw new AppError(
      'AGENT_NOT_ASSIGNABLE',
      'input',
      `Agent ${agent.id} is an API-only agent and cannot be assigned tickets`,
      {
        details: [{ field, message: 'is an API-only agent' }],
      },
    );
  }
  if (agent.inactive === 1 || agent.inactive === true) {
    throw new AppError(
      'AGENT_NOT_ASSIGNABLE',
      'input',
      `Agent ${agent.id} is inactive and cannot be assigned tickets`,
      {
        details: [{ field, message: 'is inactive' }],
      },
    );
  }
}
