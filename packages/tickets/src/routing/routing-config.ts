import * as z from 'zod';

/** Which side of an account owns a finding: its infrastructure team or its application team. */
export const IncidentDomainSchema = z.enum(['INFRA', 'APP']);
export type IncidentDomain = z.infer<typeof IncidentDomainSchema>;

/** Which incidents also get a ticket in the SOC project: none, one domain, or all. */
export const IncidentsToSocSchema = z.enum(['NONE', 'INFRA', 'APP', 'ALL']);
export type IncidentsToSoc = z.infer<typeof IncidentsToSocSchema>;

/**
 * Routing switches (the original `SocJiraProjectKeyOrServiceNowQueue` and `IncidentsToSoc`).
 * `RoutingConfigSchema.parse({})` is the original's default.
 *
 * @example
 * ```ts
 * const routing = RoutingConfigSchema.parse({ socProject: 'SECOPS', incidentsToSoc: 'all' });
 * routing.incidentsToSoc; // 'ALL'
 * ```
 */
export const RoutingConfigSchema = z.lazy(() =>
  z.strictObject({
    /** SOC Jira project key or ServiceNow queue; blank disables SOC tickets. */
    socProject: z.string().trim().default('SOC'),
    /** Incidents of this domain (or all) also get a SOC ticket when their destination is the team. */
    incidentsToSoc: z.string().trim().toUpperCase().pipe(IncidentsToSocSchema).default('INFRA'),
  }),
);
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
export type RoutingConfigInput = z.input<typeof RoutingConfigSchema>;
