// The record lists the console shows, and the columns the server returns for each (see src/api/admin/records.ts).

export type RecordType = 'customers' | 'sites' | 'users' | 'agents' | 'tickets' | 'licences' | 'assets';

export interface RecordTypeInfo {
  type: RecordType;
  singular: string;
  plural: string;
  searchHint: string;
}

export const RECORD_TYPES: readonly RecordTypeInfo[] = [
  { type: 'customers', singular: 'Customer', plural: 'Customers', searchHint: 'Search by name' },
  { type: 'sites', singular: 'Site', plural: 'Sites', searchHint: 'Search by site or customer name' },
  { type: 'users', singular: 'User', plural: 'Users', searchHint: 'Search by name, e-mail or login' },
  { type: 'agents', singular: 'Agent', plural: 'Agents', searchHint: 'Search by name, e-mail or login' },
  { type: 'tickets', singular: 'Ticket', plural: 'Tickets', searchHint: 'Search by summary or number' },
  {
    type: 'licences',
    singular: 'Licence',
    plural: 'Licences',
    searchHint: 'Search by product, vendor or customer',
  },
  {
    type: 'assets',
    singular: 'Asset',
    plural: 'Assets',
    searchHint: 'Search by asset tag, serial or customer',
  },
];

export const recordTypeInfo = (type: string): RecordTypeInfo | undefined =>
  RECORD_TYPES.find((t) => t.type === type);
