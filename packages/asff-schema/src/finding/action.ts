import * as z from 'zod';

import { AwsTimestampSchema } from '../primitives';

/** Builds the schema, on its first use (see {@link ActionSchema}). */
function action() {
  /** `ActionLocalPortDetails` / `ActionRemotePortDetails`. */
  const PortDetailsSchema = z.looseObject({
    Port: z.int().optional(),
    PortName: z.string().optional(),
  });
  /** `ActionRemoteIpDetails`: the remote address, with its owner and location as GuardDuty resolved them. */
  const ActionRemoteIpDetailsSchema = z.looseObject({
    IpAddressV4: z.string().optional(),
    Organization: z
      .looseObject({
        Asn: z.int().optional(),
        AsnOrg: z.string().optional(),
        Isp: z.string().optional(),
        Org: z.string().optional(),
      })
      .optional(),
    Country: z
      .looseObject({ CountryCode: z.string().optional(), CountryName: z.string().optional() })
      .optional(),
    City: z.looseObject({ CityName: z.string().optional() }).optional(),
    GeoLocation: z.looseObject({ Lon: z.number().optional(), Lat: z.number().optional() }).optional(),
  });
  /** `NetworkConnectionAction`. `ConnectionDirection` is `INBOUND`, `OUTBOUND` or `UNKNOWN`. */
  const NetworkConnectionActionSchema = z.looseObject({
    ConnectionDirection: z.string().optional(),
    RemoteIpDetails: ActionRemoteIpDetailsSchema.optional(),
    RemotePortDetails: PortDetailsSchema.optional(),
    LocalPortDetails: PortDetailsSchema.optional(),
    Protocol: z.string().optional(),
    Blocked: z.boolean().optional(),
  });
  /** `AwsApiCallAction`: an AWS API call, such as one GuardDuty found anomalous. */
  const AwsApiCallActionSchema = z.looseObject({
    Api: z.string().optional(),
    ServiceName: z.string().optional(),
    CallerType: z.string().optional(),
    RemoteIpDetails: ActionRemoteIpDetailsSchema.optional(),
    DomainDetails: z.looseObject({ Domain: z.string().optional() }).optional(),
    AffectedResources: z.record(z.string(), z.string()).optional(),
    FirstSeen: AwsTimestampSchema.optional(),
    LastSeen: AwsTimestampSchema.optional(),
  });
  /** `DnsRequestAction`. */
  const DnsRequestActionSchema = z.looseObject({
    Domain: z.string().optional(),
    Protocol: z.string().optional(),
    Blocked: z.boolean().optional(),
  });
  /** `PortProbeAction`: probes of local ports, each with the local and remote ends. */
  const PortProbeActionSchema = z.looseObject({
    PortProbeDetails: z
      .array(
        z.looseObject({
          LocalPortDetails: PortDetailsSchema.optional(),
          LocalIpDetails: z.looseObject({ IpAddressV4: z.string().optional() }).optional(),
          RemoteIpDetails: ActionRemoteIpDetailsSchema.optional(),
        }),
      )
      .optional(),
    Blocked: z.boolean().optional(),
  });
  const ActionSchema = z.looseObject({
    ActionType: z.string().optional(),
    NetworkConnectionAction: NetworkConnectionActionSchema.optional(),
    AwsApiCallAction: AwsApiCallActionSchema.optional(),
    DnsRequestAction: DnsRequestActionSchema.optional(),
    PortProbeAction: PortProbeActionSchema.optional(),
  });
  return ActionSchema;
}

/**
 * The `Action` object of a finding: an action that affected or was taken on a resource, as GuardDuty
 * reports it. `ActionType` is `NETWORK_CONNECTION`, `AWS_API_CALL`, `DNS_REQUEST` or `PORT_PROBE`, and
 * names the one detail object that is set.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Action.html | Action (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const action = ActionSchema.parse({
 *   ActionType: 'PORT_PROBE',
 *   PortProbeAction: {
 *     Blocked: false,
 *     PortProbeDetails: [
 *       {
 *         LocalPortDetails: { Port: 22, PortName: 'SSH' },
 *         LocalIpDetails: { IpAddressV4: '10.0.1.25' },
 *         RemoteIpDetails: { IpAddressV4: '198.51.100.7', Country: { CountryName: 'Example Country' } },
 *       },
 *     ],
 *   },
 * });
 * action.PortProbeAction?.PortProbeDetails?.[0]?.LocalPortDetails?.Port; // 22
 * ```
 */
export const ActionSchema = z.lazy(action);

/** A finding's `Action`; inferred from {@link ActionSchema}. */
export type Action = z.infer<typeof ActionSchema>;
