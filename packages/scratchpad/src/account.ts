import * as z from 'zod';

/**
 * What SOAR knows about the AWS account a finding belongs to: AWS Organizations attributes plus
 * the `soar:*` account tags that route tickets and emails. Keyed by `Id`; names are for display.
 *
 * @example
 * ```json
 * {
 *   "Id": "111122223333",
 *   "Name": "payments-prod",
 *   "Email": "aws+payments-prod@example.com",
 *   "TeamEmail": "payments-team@example.com",
 *   "TeamEmailApp": "payments-devs@example.com",
 *   "OrganizationalUnit": "Workloads",
 *   "OrganizationalUnitPath": ["Root", "Workloads"],
 *   "Client": "Unspecified",
 *   "ProjectName": "payments",
 *   "Team": "payments",
 *   "Environment": "production",
 *   "ProjectId": "PAY",
 *   "ProjectIdApp": "PAYAPP",
 *   "Tags": { "soar:team": "payments", "soar:environment": "production" },
 *   "JoinedAt": "2023-04-01T09:30:00.000Z",
 *   "AccountNew": false
 * }
 * ```
 */
export const AccountSchema = z.object({
  /** 12-digit AWS account id. */
  Id: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  Name: z.string(),
  /** Root email of the account, from DescribeAccount. */
  Email: z.string(),
  /** Team address for INFRA findings: tag `soar:team:email`, else the default team email, else `Email`. */
  TeamEmail: z.string(),
  /** Team address for APP findings: tag `soar:team:email:app`, else `TeamEmail`. */
  TeamEmailApp: z.string(),
  /** Name of the immediate parent OU; `ROOT` under the root, `UNKNOWN_OU` when there is no parent. */
  OrganizationalUnit: z.string(),
  /** OU names from the root down to the immediate parent (the original kept only the parent). */
  OrganizationalUnitPath: z.array(z.string()).default([]),
  Client: z.string().default('Unspecified'),
  ProjectName: z.string().default('Unspecified'),
  Team: z.string().default('Unspecified'),
  /** Free text from tag `soar:environment`; the penalty score classifies it. */
  Environment: z.string().default('Unspecified'),
  /** Ticket project (Jira key or ServiceNow queue) for INFRA findings. */
  ProjectId: z.string().default('Unspecified'),
  /** Ticket project for APP findings; falls back to `ProjectId`. */
  ProjectIdApp: z.string().default('Unspecified'),
  /** Every account tag. */
  Tags: z.record(z.string(), z.string()).default({}),
  /** When the account joined the organization (ISO 8601). */
  JoinedAt: z.string().optional(),
  /** True while the account is younger than the configured minimum age. */
  AccountNew: z.boolean().default(false),
});

/** Account metadata carried in the scratchpad. */
export type Account = z.infer<typeof AccountSchema>;
/** Account metadata as it may be written: fields with defaults may be left out. */
export type AccountInput = z.input<typeof AccountSchema>;
