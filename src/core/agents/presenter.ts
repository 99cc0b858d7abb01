// Agent → Halo "Agent" (Uname) wire shape (halo-api.md §3.4). `team` is the default team's NAME.
import type { Agent } from './agent.js';

export interface HaloAgent {
  id: number;
  name: string;
  firstname: string | null;
  surname: string | null;
  initials: string | null;
  email: string | null;
  jobtitle: string | null;
  phonenumber: string | null;
  isdisabled: boolean;
  is_agent: true;
  isapiagent: boolean;
  team: string | null;
  team_id: number | null;
  teams: { team_id: number; team_name: string }[];
  roles: { id: number; name: string }[];
}

export function presentAgent(a: Agent): HaloAgent {
  return {
    id: a.id,
    name: a.name,
    firstname: a.firstname,
    surname: a.surname,
    initials: a.initials,
    email: a.email,
    jobtitle: a.jobtitle,
    phonenumber: a.phone,
    isdisabled: a.inactive,
    is_agent: true,
    isapiagent: a.isApiOnly,
    team: a.defaultTeamName,
    team_id: a.defaultTeamId,
    teams: a.teams.map((t) => ({ team_id: t.id, team_name: t.name })),
    roles: a.roles,
  };
}
