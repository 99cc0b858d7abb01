// The LDAP cursor's schema, checked when a run loads the cursor it stored (see cursor.ts for what it means).
// Apart from cursor.ts so that the read worker, which only builds cursors, does not load zod.
import { z } from 'zod';

export const DomainWatermarkSchema = z.object({
  vendor: z.enum(['ad', 'openldap', 'other']),
  /** AD: highestCommittedUSN read from the RootDSE before the read began. */
  usn: z.string().regex(/^\d+$/).optional(),
  /** AD: the DC that produced the USN (dsServiceName) and its invocationID. */
  dsServiceName: z.string().optional(),
  invocationId: z.string().optional(),
  /**
   * The clock expiries were judged by when the read began (epoch ms; AD: the DC's, OpenLDAP: ours): where the
   * next search for expired accounts (accountExpires, pwdEndTime; and OpenLDAP's starts, pwdStartTime) starts,
   * since a moment passing changes no attribute.
   */
  expiryCheckedAt: z.number().int().optional(),
  /**
   * The earliest expiry (or start) still to come among the accounts read (epoch ms); null when none is known;
   * absent when it is not known (after a full read): the next changes-only read then searches for them once.
   */
  nextExpiryAt: z.number().int().nullable().optional(),
  /** OpenLDAP: generalized time (YYYYMMDDHHMMSSZ) of the newest change the directory reported. */
  modifyTimestamp: z
    .string()
    .regex(/^\d{14}(\.\d+)?Z$/)
    .optional(),
});
export type DomainWatermark = z.infer<typeof DomainWatermarkSchema>;

export const LdapCursorSchema = z.object({
  /** A read started and has not reached its last page. */
  inProgress: z.boolean(),
  /** When the last complete FULL read ended (scheduling only; never used as a change watermark). */
  lastFullAt: z.string().nullable(),
  /** The mappings the last full read used: new or changed mappings need a full read to take effect. */
  mappingsHash: z.string().nullable(),
  domains: z.record(z.string(), DomainWatermarkSchema),
  /**
   * The membership stamp of each group mapping the last read used, by the group's normalised DN (see
   * sync/group-members.ts): joining or leaving a group changes the group, not the person, so a moved stamp
   * needs a full read. Absent when the read had no group mappings.
   */
  groups: z.record(z.string(), z.string()).optional(),
});
export type LdapCursor = z.infer<typeof LdapCursorSchema>;
