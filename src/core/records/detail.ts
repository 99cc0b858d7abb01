// The detail view's shape: a title, labelled values (already formatted for people), links to related
// records, and the record's sources.
import type { RecordSource } from './provenance.js';

export type DetailValue = string | number | boolean | null;

export interface DetailField {
  label: string;
  value: DetailValue;
  /** A related record the value names (the customer of a site), or a list it counts (a site's users). */
  link?: RecordLink | ListLink;
}

export interface RecordLink {
  type: string;
  id: number;
}

/** A record list narrowed by its filters, e.g. users with `{ siteId: 4 }`. */
export interface ListLink {
  type: string;
  filter: Record<string, number>;
}

export interface RecordDetail {
  id: number;
  title: string;
  inactive: boolean;
  fields: DetailField[];
  sources: RecordSource[];
}

/** Leaves out empty values so the detail view lists only what is known. */
export function fields(...list: (DetailField | false | null | undefined)[]): DetailField[] {
  return list.filter(
    (f): f is DetailField => !!f && f.value !== null && f.value !== '' && f.value !== undefined,
  );
}
