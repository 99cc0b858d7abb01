import { describe, expect, it } from 'vitest';
import type { ExternalContainer } from '../contract.js';
import { containerTree } from './container-tree.js';

const ou = (externalId: string, name: string, parentId?: string): ExternalContainer => ({
  externalId,
  name,
  kind: 'ou',
  ...(parentId ? { parentId } : {}),
});

const shape = (containers: ExternalContainer[]) =>
  containerTree(containers).map((r) => `${'  '.repeat(r.depth)}${r.container.name}`);

describe('containerTree', () => {
  it('puts each container under its parent, siblings by name, whatever order discovery returned', () => {
    expect(
      shape([
        ou('OU=Sales,OU=Contoso,DC=x', 'Sales', 'OU=Contoso,DC=x'),
        ou('CN=Users,DC=x', 'Users', 'DC=x'),
        ou('OU=Contractors,OU=Eng,OU=Contoso,DC=x', 'Contractors', 'OU=Eng,OU=Contoso,DC=x'),
        ou('DC=x', 'x'),
        ou('OU=Eng,OU=Contoso,DC=x', 'engineering', 'OU=Contoso,DC=x'),
        ou('OU=Contoso,DC=x', 'Contoso', 'DC=x'),
      ]),
    ).toEqual(['x', '  Contoso', '    engineering', '      Contractors', '    Sales', '  Users']);
  });

  it('starts a tree at a container whose parent was not discovered, and ends parent cycles', () => {
    expect(shape([ou('b', 'B', 'missing'), ou('a', 'A')])).toEqual(['A', 'B']);
    // A parent named in another case is still the parent (a base DN typed as "dc=Example,dc=Test").
    expect(
      shape([
        ou('OU=Sales,DC=example,DC=test', 'Sales', 'DC=example,DC=test'),
        ou('dc=Example,dc=Test', 'root'),
      ]),
    ).toEqual(['root', '  Sales']);
    expect(shape([ou('p', 'P', 'q'), ou('q', 'Q', 'p'), ou('r', 'R')])).toEqual(['R', 'P', 'Q']);
  });
});
