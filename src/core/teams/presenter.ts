// Team → Halo "Team" (SectionDetail) wire shape (halo-api.md §3.5).
import type { Team } from './team.js';

export interface HaloTeam {
  id: number;
  name: string;
  inactive: boolean;
  emailaddress: string | null;
  agents: { agent_id: number; agent_name: string; team_id: number; team_name: string }[];
}

export function presentTeam(t: Team): HaloTeam {
  return {
    id: t.id,
    name: t.name,
    inactive: t.inactive,
    emailaddress: t.email,
    agents: t.members.map((m) => ({
      agent_id: m.agentId,
      agent_name: m.agentName,
      team_id: t.id,
      team_name: t.name,
    })),
  };
}
