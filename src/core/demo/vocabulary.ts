// Words the demo data is made of: plausible MSP customers, people, places, tickets, assets and licences.
export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Ava',
  'Elijah',
  'Sophia',
  'James',
  'Isabella',
  'William',
  'Mia',
  'Lucas',
  'Charlotte',
  'Henry',
  'Harper',
  'Theodore',
  'Evelyn',
  'Jack',
  'Aisha',
  'Mateo',
  'Priya',
  'Kenji',
  'Chloe',
  'Daniel',
  'Grace',
  'Samuel',
  'Zoe',
  'Omar',
  'Freya',
  'Ravi',
  'Hannah',
  'Leo',
  'Nora',
  'Arjun',
  'Ingrid',
  'Tomasz',
  'Lucia',
  'Felix',
] as const;

export const SURNAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Hall',
  'Young',
  'Patel',
  'Nguyen',
  'Kowalski',
  'Okafor',
  'Schmidt',
  'Rossi',
  'Novak',
  'Haddad',
  'Fischer',
  'Murphy',
  "O'Brien",
  'Svensson',
  'Tanaka',
  'Costa',
  'Dubois',
] as const;

export const COMPANY_FIRST = [
  'Northwind',
  'Bluewater',
  'Redwood',
  'Silverline',
  'Ironbridge',
  'Harbor',
  'Summit',
  'Oakridge',
  'Clearview',
  'Brightpath',
  'Granite',
  'Maple',
  'Falcon',
  'Cedar',
  'Riverside',
  'Lakeshore',
  'Pinnacle',
  'Evergreen',
  'Copperfield',
  'Westgate',
  'Stonebrook',
  'Highland',
  'Kestrel',
  'Meridian',
  'Alder',
] as const;

export const COMPANY_SECOND = [
  'Dental',
  'Logistics',
  'Accounting',
  'Architects',
  'Legal',
  'Veterinary',
  'Engineering',
  'Medical Group',
  'Construction',
  'Realty',
  'Insurance',
  'Foods',
  'Consulting',
  'Manufacturing',
  'Pharmacy',
  'Design Studio',
  'Freight',
  'Wealth Partners',
  'Clinic',
  'Schools',
] as const;

export const COMPANY_SUFFIX = ['Ltd', 'LLC', 'Inc', 'Group', 'Partners', 'Co'] as const;

export const CITIES = [
  'Springfield',
  'Riverton',
  'Fairview',
  'Georgetown',
  'Kingston',
  'Ashford',
  'Bristol',
  'Clayton',
  'Dover',
  'Franklin',
  'Greenville',
  'Hudson',
  'Lancaster',
  'Madison',
  'Milford',
  'Newport',
  'Oxford',
  'Salem',
  'Windsor',
  'Winchester',
] as const;

export const STREETS = [
  'High Street',
  'Station Road',
  'Mill Lane',
  'Church Street',
  'Park Avenue',
  'Market Square',
  'Harbour Way',
  'King Street',
  'Queens Road',
  'Elm Drive',
] as const;

export const SITE_KINDS = [
  'Warehouse',
  'Branch Office',
  'Clinic',
  'Depot',
  'Showroom',
  'Lab',
  'Remote Office',
] as const;

export const DEPARTMENTS = [
  'Finance',
  'Operations',
  'Sales',
  'Reception',
  'Management',
  'HR',
  'Warehouse',
  'IT',
] as const;
export const TITLES = [
  'Office Manager',
  'Accountant',
  'Sales Executive',
  'Receptionist',
  'Director',
  'Operations Lead',
  'Analyst',
  'Coordinator',
  'Technician',
] as const;

export const TEAMS = ['Service Desk', 'Infrastructure', 'Security Operations', 'Projects'] as const;

export const AGENTS: ReadonlyArray<{
  firstname: string;
  surname: string;
  jobtitle: string;
  teams: readonly (typeof TEAMS)[number][];
}> = [
  { firstname: 'Alex', surname: 'Rivera', jobtitle: 'Service Desk Lead', teams: ['Service Desk'] },
  { firstname: 'Sam', surname: 'Chen', jobtitle: 'Service Desk Engineer', teams: ['Service Desk'] },
  {
    firstname: 'Jordan',
    surname: 'Blake',
    jobtitle: 'Service Desk Engineer',
    teams: ['Service Desk', 'Projects'],
  },
  { firstname: 'Morgan', surname: 'Reyes', jobtitle: 'Systems Engineer', teams: ['Infrastructure'] },
  {
    firstname: 'Casey',
    surname: 'Novak',
    jobtitle: 'Network Engineer',
    teams: ['Infrastructure', 'Security Operations'],
  },
  { firstname: 'Riley', surname: 'Adeyemi', jobtitle: 'Security Analyst', teams: ['Security Operations'] },
  { firstname: 'Taylor', surname: 'Lindqvist', jobtitle: 'Project Engineer', teams: ['Projects'] },
  {
    firstname: 'Jamie',
    surname: 'Okoro',
    jobtitle: 'Service Delivery Manager',
    teams: ['Service Desk', 'Infrastructure'],
  },
];

/** [category_1, team, ticket type name, summaries] */
export const TICKET_TEMPLATES: ReadonlyArray<{
  category: string;
  team: (typeof TEAMS)[number];
  type: string;
  summaries: readonly string[];
}> = [
  {
    category: 'Hardware',
    team: 'Service Desk',
    type: 'Incident',
    summaries: [
      'Laptop will not power on',
      'Second monitor flickering',
      'Docking station not detecting displays',
      'Keyboard keys unresponsive',
    ],
  },
  {
    category: 'Software',
    team: 'Service Desk',
    type: 'Incident',
    summaries: [
      'Outlook keeps asking for password',
      'Excel crashes when opening shared workbook',
      'Teams camera not working',
      'Accounting software update failed',
    ],
  },
  {
    category: 'Network',
    team: 'Infrastructure',
    type: 'Incident',
    summaries: [
      'Wi-Fi drops in the meeting room',
      'VPN connection times out',
      'Slow internet at branch office',
      'Cannot reach file server',
    ],
  },
  {
    category: 'Security',
    team: 'Security Operations',
    type: 'Alert',
    summaries: [
      'Suspicious sign-in from a new country',
      'Malware detected on workstation',
      'Phishing e-mail reported by user',
      'Firewall blocked outbound connection to known bad host',
    ],
  },
  {
    category: 'Email',
    team: 'Service Desk',
    type: 'Service Request',
    summaries: [
      'Create shared mailbox for invoices',
      'Add user to distribution list',
      'Increase mailbox quota',
      'Set up e-mail forwarding',
    ],
  },
  {
    category: 'Accounts & Access',
    team: 'Service Desk',
    type: 'Service Request',
    summaries: [
      'Password reset',
      'Grant access to finance share',
      'MFA device replacement',
      'Remove access for leaver',
    ],
  },
  {
    category: 'Printing',
    team: 'Service Desk',
    type: 'Incident',
    summaries: ['Printer offline on second floor', 'Scan to e-mail not working', 'Print jobs stuck in queue'],
  },
  {
    category: 'Other',
    team: 'Projects',
    type: 'Onboarding',
    summaries: [
      'New starter: laptop and accounts',
      'New starter: phone and M365 licence',
      'Office move: relocate six desks',
    ],
  },
];

export const NOTES = [
  'Called the user and confirmed the symptoms.',
  'Remote session started; collected logs.',
  'Applied the latest updates and rebooted.',
  'Escalated to the infrastructure team.',
  'Waiting for the user to confirm the fix.',
  'Replaced the faulty cable; issue resolved.',
  'Reset the credentials and confirmed sign-in works.',
] as const;

/** [asset type name, tag prefix, model] */
export const ASSET_MODELS: ReadonlyArray<{
  type: string;
  prefix: string;
  models: readonly string[];
  perUser: boolean;
}> = [
  {
    type: 'Workstation',
    prefix: 'WS',
    models: ['Dell OptiPlex 7010', 'HP EliteDesk 800 G9', 'Lenovo ThinkCentre M90q'],
    perUser: true,
  },
  {
    type: 'Laptop',
    prefix: 'LT',
    models: ['Dell Latitude 5440', 'Lenovo ThinkPad T14', 'HP EliteBook 840 G10', 'MacBook Air M2'],
    perUser: true,
  },
  {
    type: 'Server',
    prefix: 'SRV',
    models: ['Dell PowerEdge R650', 'HPE ProLiant DL360 Gen11'],
    perUser: false,
  },
  {
    type: 'Firewall',
    prefix: 'FW',
    models: ['Sophos XGS 2100', 'Fortinet FortiGate 60F', 'WatchGuard Firebox T45'],
    perUser: false,
  },
];

export const LICENCE_PRODUCTS: ReadonlyArray<{ name: string; vendor: string; sku: string; type: string }> = [
  { name: 'Microsoft 365 Business Premium', vendor: 'Microsoft', sku: 'SPB', type: 'subscription' },
  {
    name: 'Microsoft 365 Business Standard',
    vendor: 'Microsoft',
    sku: 'O365_BUSINESS_PREMIUM',
    type: 'subscription',
  },
  { name: 'Exchange Online (Plan 1)', vendor: 'Microsoft', sku: 'EXCHANGESTANDARD', type: 'subscription' },
  { name: 'Sophos Intercept X Advanced', vendor: 'Sophos', sku: 'CIXA', type: 'term' },
  { name: 'Sophos MDR Complete', vendor: 'Sophos', sku: 'MDRC', type: 'term' },
  { name: 'Google Workspace Business Starter', vendor: 'Google', sku: 'GWS-BS', type: 'subscription' },
  { name: 'Adobe Acrobat Pro', vendor: 'Adobe', sku: 'ACRO-PRO', type: 'subscription' },
];
