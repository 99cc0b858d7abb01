// Row types of the PSA core tables (see migrations/20261121000100_core_domain.ts).
// Booleans are 0/1 integers and timestamps ISO-8601 text on both dialects.
import type { Generated } from 'kysely';

type Bool = number;
interface Stamps {
  created_at: string;
  updated_at: string;
}

export interface TopLevelTable extends Stamps {
  id: Generated<number>;
  name: string;
  inactive: Generated<Bool>;
}

export interface CustomerTable extends Stamps {
  id: Generated<number>;
  name: string;
  toplevel_id: number | null;
  inactive: Generated<Bool>;
  is_vip: Generated<Bool>;
  website: string | null;
  notes: string | null;
  main_site_id: number | null;
}

export interface SiteTable extends Stamps {
  id: Generated<number>;
  customer_id: number;
  name: string;
  inactive: Generated<Bool>;
  phone: string | null;
  timezone: string | null;
  notes: string | null;
  address_line1: string | null;
  address_line2: string | null;
  address_city: string | null;
  address_postcode: string | null;
  address_country: string | null;
}

export interface RoleTable extends Stamps {
  id: Generated<number>;
  name: string;
  description: string | null;
  permissions: Generated<string>;
}

export interface TeamTable extends Stamps {
  id: Generated<number>;
  name: string;
  inactive: Generated<Bool>;
  email: string | null;
}

export interface AgentTable extends Stamps {
  id: Generated<number>;
  name: string;
  firstname: string | null;
  surname: string | null;
  initials: string | null;
  email: string | null;
  jobtitle: string | null;
  phone: string | null;
  login: string | null;
  password_hash: string | null;
  is_api_only: Generated<Bool>;
  inactive: Generated<Bool>;
  default_team_id: number | null;
  notify_sync_failures: Generated<Bool>;
}

/** Halo's end-user roles (what an end user may do on the portal); agents' roles are `roles`. */
export interface UserRoleTable extends Stamps {
  id: Generated<number>;
  name: string;
  description: string | null;
}

export interface AgentRoleTable {
  agent_id: number;
  role_id: number;
}

export interface TeamMemberTable {
  team_id: number;
  agent_id: number;
}

export interface EndUserTable extends Stamps {
  id: Generated<number>;
  customer_id: number;
  site_id: number;
  name: string;
  firstname: string | null;
  surname: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  title: string | null;
  department: string | null;
  office: string | null;
  manager: string | null;
  employee_id: string | null;
  login: string | null;
  notes: string | null;
  inactive: Generated<Bool>;
  /** The user role (user_roles), set by hand or by the directory mapping the user came in through. */
  user_role_id: number | null;
}

export interface SlaTable extends Stamps {
  id: Generated<number>;
  name: string;
  inactive: Generated<Bool>;
}

export interface PriorityTable extends Stamps {
  id: Generated<number>;
  name: string;
  sla_id: number | null;
  response_hours: number | null;
  fix_hours: number | null;
  sequence: Generated<number>;
  colour: string | null;
  inactive: Generated<Bool>;
}

export interface StatusTable extends Stamps {
  id: Generated<number>;
  name: string;
  shortname: string | null;
  is_closed: Generated<Bool>;
  sequence: Generated<number>;
  colour: string | null;
  inactive: Generated<Bool>;
}

export interface TicketTypeTable extends Stamps {
  id: Generated<number>;
  name: string;
  default_sla_id: number | null;
  default_priority_id: number | null;
  default_team_id: number | null;
  initial_status_id: number | null;
  sequence: Generated<number>;
  inactive: Generated<Bool>;
}

export interface CategoryTable extends Stamps {
  id: Generated<number>;
  type_id: number;
  value: string;
  inactive: Generated<Bool>;
}

export interface LookupTable extends Stamps {
  id: Generated<number>;
  lookupid: number;
  name: string;
  value_int: number | null;
  sequence: Generated<number>;
  inactive: Generated<Bool>;
}

export interface OutcomeTable extends Stamps {
  id: Generated<number>;
  name: string;
  is_private: Generated<Bool>;
  inactive: Generated<Bool>;
}

export interface TicketTable extends Stamps {
  id: Generated<number>;
  summary: string;
  details: string | null;
  customer_id: number | null;
  site_id: number | null;
  user_id: number | null;
  agent_id: number | null;
  team_id: number | null;
  status_id: number;
  priority_id: number | null;
  sla_id: number | null;
  tickettype_id: number;
  category_1: string | null;
  category_2: string | null;
  category_3: string | null;
  category_4: string | null;
  urgency: number | null;
  impact: number | null;
  opened_at: string;
  closed_at: string | null;
  created_by_agent_id: number | null;
  deleted: Generated<Bool>;
}

export interface TicketActionTable extends Stamps {
  id: Generated<number>;
  ticket_id: number;
  outcome_id: number;
  note: string | null;
  agent_id: number | null;
  hidden_from_user: Generated<Bool>;
  important: Generated<Bool>;
  time_taken_hours: number | null;
  new_status_id: number | null;
}

export interface TicketAssetTable {
  ticket_id: number;
  asset_id: number;
}

export interface AssetTypeTable extends Stamps {
  id: Generated<number>;
  name: string;
  inactive: Generated<Bool>;
}

export interface AssetTable extends Stamps {
  id: Generated<number>;
  assettype_id: number;
  customer_id: number;
  site_id: number | null;
  user_id: number | null;
  inventory_number: string | null;
  serial: string | null;
  notes: string | null;
  fields: Generated<string>;
  inactive: Generated<Bool>;
}

export interface LicenceTable extends Stamps {
  id: Generated<number>;
  customer_id: number;
  site_id: number | null;
  vendor: string | null;
  product_code: string | null;
  name: string;
  type: string | null;
  quantity: number | null;
  consumed: number | null;
  start_date: string | null;
  end_date: string | null;
  status: Generated<string>;
  notes: string | null;
  inactive: Generated<Bool>;
}

export type ExternalRecordType = 'customer' | 'site' | 'user' | 'agent' | 'licence' | 'asset' | 'ticket';

export interface ExternalLinkTable extends Stamps {
  id: Generated<number>;
  instance_id: number;
  record_type: ExternalRecordType;
  record_id: number;
  external_id: string;
  external_name: string | null;
  last_seen_at: string;
  last_seen_run_id: number | null;
  content_hash: string | null;
}

export interface CoreTables {
  top_levels: TopLevelTable;
  customers: CustomerTable;
  sites: SiteTable;
  roles: RoleTable;
  user_roles: UserRoleTable;
  teams: TeamTable;
  agents: AgentTable;
  agent_roles: AgentRoleTable;
  team_members: TeamMemberTable;
  end_users: EndUserTable;
  slas: SlaTable;
  priorities: PriorityTable;
  statuses: StatusTable;
  ticket_types: TicketTypeTable;
  categories: CategoryTable;
  lookups: LookupTable;
  outcomes: OutcomeTable;
  tickets: TicketTable;
  ticket_actions: TicketActionTable;
  ticket_assets: TicketAssetTable;
  asset_types: AssetTypeTable;
  assets: AssetTable;
  licences: LicenceTable;
  external_links: ExternalLinkTable;
}
