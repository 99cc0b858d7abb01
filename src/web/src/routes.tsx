// The console's screens by path. The first matching pattern wins.
import type { ReactNode } from 'react';
import { RecordDetailPage } from './pages/record-detail-page.js';
import { RecordListPage } from './pages/record-list-page.js';
import { RECORD_TYPES } from './records/record-types.js';

export interface RouteDef {
  path: string;
  render(params: Record<string, string>): ReactNode;
}

export const routes: RouteDef[] = [
  ...RECORD_TYPES.flatMap((info): RouteDef[] => [
    { path: `/${info.type}`, render: () => <RecordListPage key={info.type} info={info} /> },
    { path: `/${info.type}/:id`, render: (p) => <RecordDetailPage key={`${info.type}:${p.id ?? ''}`} info={info} id={p.id ?? ''} /> },
  ]),
];
