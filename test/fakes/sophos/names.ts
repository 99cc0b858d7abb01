// Deterministic, realistic company names for generated tenants. Exported on their own so a test or the
// demo can create PSA customers with the same names and exercise name-based tenant → customer mapping.
// The word lists deliberately include accents, apostrophes and ampersands, which naive matching breaks on.

import { createPrng, type Prng } from './prng.js';

// prettier-ignore
const FIRST = [
  'Acme', 'Northwind', 'Contoso', 'Fabrikam', 'Blue Harbor', 'Redwood', 'Silverline', 'Granite', 'Summit',
  'Lakeside', 'Oakridge', 'Riverside', 'Brightwater', 'Ironbridge', 'Kestrel', 'Meridian', 'Harbourview',
  'Pinecrest', 'Stonegate', 'Westfield', 'Eastgate', 'Highland', 'Crescent', 'Falcon', 'Aurora', 'Beacon',
  'Cedar', 'Evergreen', 'Foxglove', 'Hawthorn', 'Juniper', 'Larkspur', 'Maple', 'Nightingale', 'Orchard',
  'Quarry', 'Rosewood', 'Saffron', 'Thistle', 'Willow', 'Zephyr', 'Alder', 'Bramble', 'Copperfield',
  'Dunmore', 'Elmstead', 'Fairhaven', 'Greystone', 'Holloway', "O'Brien", 'Müller', 'Lindqvist', 'Søndergaard',
  'Dupont', 'García', 'Nakamura', 'Kowalski', 'Van der Berg', 'MacLeod', 'Ashford',
] as const;

// prettier-ignore
const SECOND = [
  'Logistics', 'Dental', 'Legal', 'Accounting', 'Engineering', 'Manufacturing', 'Health', 'Pharmacy',
  'Architects', 'Consulting', 'Construction', 'Foods', 'Hospitality', 'Motors', 'Estates', 'Insurance',
  'Veterinary', 'Printing', 'Freight', 'Energy', 'Textiles', 'Media', 'Brewing', 'Medical Group',
  'Financial', 'Robotics', 'Security', 'Interiors', '& Sons', '& Partners',
] as const;

// prettier-ignore
const SUFFIX = ['Ltd', 'Limited', 'GmbH', 'LLC', 'Inc.', 'B.V.', 'Pty Ltd', 'S.A.', 'AG', 'plc', '', ''] as const;

function oneName(rng: Prng): string {
  const suffix = rng.pick(SUFFIX);
  return [rng.pick(FIRST), rng.pick(SECOND), suffix].filter((part) => part !== '').join(' ');
}

/**
 * `count` distinct company names, the same list for the same seed. Collisions are redrawn; once the word
 * space is nearly exhausted a numeric branch suffix keeps names unique ("Acme Dental Ltd (2)").
 */
export function companyNames(count: number, seed = 1): string[] {
  const rng = createPrng(seed ^ 0x5eed);
  const seen = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    let name = oneName(rng);
    for (let attempt = 0; seen.has(name) && attempt < 20; attempt++) name = oneName(rng);
    for (let branch = 2; seen.has(name); branch++) name = `${oneName(rng)} (${branch})`;
    seen.add(name);
    names.push(name);
  }
  return names;
}
