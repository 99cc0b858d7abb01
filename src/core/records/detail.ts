// The detail view's shape: a title, labelled values (already formatted for people), links to related
// records, and the record's sources.
import type { RecordSource } from './provenance.js';

export type DetailValue = string | number | boolean | null;

export interface DetailField {
  label: string;
  value: DetailValue;
  /** A related record the value names, e.g. the customer of a site. */
  link?: { type: string; id: number };
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
