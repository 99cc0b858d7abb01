// Types of /admin/api/records (mirrors src/core/records on the server).

export interface RecordSource {
  instanceId: number;
  instanceName: string | null;
  connector: string | null;
  externalId: string;
  externalName: string | null;
  lastSeenAt: string;
  lastSeenRunId: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface Base {
  id: number;
  sources: RecordSource[];
}

export interface CustomerRow extends Base {
  name: string;
  inactive: boolean;
  website: string | null;
  siteCount: number;
  userCount: number;
}
export interface SiteRow extends Base {
  name: string;
  inactive: boolean;
  customerId: number;
  customerName: string;
  city: string | null;
}
export interface UserRow extends Base {
  name: string;
  email: string | null;
  login: string | null;
  inactive: boolean;
  customerId: number;
  customerName: string;
  siteId: number;
  siteName: string;
}
export interface AgentRow extends Base {
  name: string;
  email: string | null;
  login: string | null;
  inactive: boolean;
  apiOnly: boolean;
  notifySyncFailures: boolean;
  roles: string[];
}
export interface TicketRow extends Base {
  summary: string;
  customerId: number | null;
  customerName: string | null;
  status: string;
  closed: boolean;
  priority: string | null;
  openedAt: string;
}
export interface LicenceRow extends Base {
  name: string;
  vendor: string | null;
  customerId: number;
  customerName: string;
  quantity: number | null;
  consumed: number | null;
  endDate: string | null;
  status: string;
  inactive: boolean;
}
export interface AssetRow extends Base {
  inventoryNumber: string | null;
  serial: string | null;
  typeName: string;
  customerId: number;
  customerName: string;
  siteName: string | null;
  inactive: boolean;
}

export interface RowByType {
  customers: CustomerRow;
  sites: SiteRow;
  users: UserRow;
  agents: AgentRow;
  tickets: TicketRow;
  licences: LicenceRow;
  assets: AssetRow;
}

export interface DetailField {
  label: string;
  value: string | number | boolean | null;
  /** A related record (the customer of a site), or a list the value counts (a site's users, by filter). */
  link?: { type: string; id: number } | { type: string; filter: Record<string, number> };
}

export interface RecordDetail {
  id: number;
  title: string;
  inactive: boolean;
  fields: DetailField[];
  sources: RecordSource[];
}
