import * as z from 'zod';

/**
 * Name the account-metadata module gives the organization root in `OrganizationalUnitPath`. AWS
 * Organizations names every root `Root`, so no `ListRoots` call is spent on it.
 */
export const ROOT_NAME = 'Root';

/** One ancestor of an account: the organization root or an organizational unit. */
export const OrganizationParentSchema = z.object({
  type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT']),
  /** `r-…` or `ou-…`; informational only. */
  id: z.string().optional(),
  name: z.string(),
});

/** One ancestor of an account: the organization root or an organizational unit. */
export type OrganizationParent = z.infer<typeof OrganizationParentSchema>;

/**
 * What AWS Organizations says about one account, before any derivation. This is what the DynamoDB
 * cache stores (as JSON in attribute `data`), so that time-dependent fields such as `AccountNew`
 * are derived on every read and configuration changes (tag keys, ticketing system) apply at once.
 *
 * `parents` runs from the root down to the immediate parent: `[]` when Organizations reports no
 * parent, `[{ type: 'ROOT', name: 'Root' }]` for an account directly under the root.
 *
 * @example
 * ```json
 * {
 *   "account": { "Id": "111122223333", "Name": "payments-prod", "Email": "aws+pay@example.com",
 *                "JoinedTimestamp": "2023-04-01T09:30:00.000Z" },
 *   "tags": { "soar:team": "payments" },
 *   "parents": [{ "type": "ROOT", "id": "r-ab12", "name": "Root" },
 *               { "type": "ORGANIZATIONAL_UNIT", "id": "ou-ab12-cd34ef56", "name": "Workloads" }]
 * }
 * ```
 */
export const RawAccountRecordSchema = z.lazy(() =>
  // Built on first use: a function reads the account cache only when it looks an account up.
  z.object({
    account: z.object({
      Id: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
      Name: z.string(),
      Email: z.string(),
      /** When the account joined the organization, ISO 8601; absent if Organizations did not say. */
      JoinedTimestamp: z.string().optional(),
    }),
    /** Every account tag, all pages of `ListTagsForResource`. */
    tags: z.record(z.string(), z.string()),
    parents: z.array(OrganizationParentSchema),
  }),
);

/** What AWS Organizations says about one account (see {@link RawAccountRecordSchema}). */
export type RawAccountRecord = z.infer<typeof RawAccountRecordSchema>;
