import * as z from 'zod';

/** `PortRange`: an inclusive range of ports; built on first use, by either schema below. */
const PortRangeSchema = z.lazy(() =>
  z.looseObject({
    Begin: z.int().optional(),
    End: z.int().optional(),
  }),
);

/** Builds the schema, on its first use (see {@link NetworkSchema}). */
function network() {
  const NetworkSchema = z.looseObject({
    Direction: z.enum(['IN', 'OUT']).optional(),
    Protocol: z.string().optional(),
    OpenPortRange: PortRangeSchema.optional(),
    SourceIpV4: z.string().optional(),
    SourceIpV6: z.string().optional(),
    SourcePort: z.int().optional(),
    SourceDomain: z.string().optional(),
    SourceMac: z.string().optional(),
    DestinationIpV4: z.string().optional(),
    DestinationIpV6: z.string().optional(),
    DestinationPort: z.int().optional(),
    DestinationDomain: z.string().optional(),
  });
  return NetworkSchema;
}

/**
 * The `Network` object of a finding: the network traffic involved, as network-based providers
 * report it. `Direction` is `IN` or `OUT`.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Network.html | Network (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * NetworkSchema.parse({
 *   Direction: 'IN',
 *   Protocol: 'TCP',
 *   SourceIpV4: '198.51.100.7',
 *   SourcePort: 42137,
 *   DestinationIpV4: '10.0.1.25',
 *   DestinationPort: 22,
 * });
 * ```
 */
export const NetworkSchema = z.lazy(network);

/** A finding's `Network`; inferred from {@link NetworkSchema}. */
export type Network = z.infer<typeof NetworkSchema>;

/** Builds the schema, on its first use (see {@link NetworkPathComponentSchema}). */
function networkPathComponent() {
  /** `NetworkPathComponentDetails`: the addresses and ports at one end of a hop. */
  const NetworkPathComponentDetailsSchema = z.looseObject({
    Address: z.array(z.string()).optional(),
    PortRanges: z.array(PortRangeSchema).optional(),
  });
  /** `NetworkHeader`: the protocol, source and destination of the traffic at a hop. */
  const NetworkHeaderSchema = z.looseObject({
    Protocol: z.string().optional(),
    Destination: NetworkPathComponentDetailsSchema.optional(),
    Source: NetworkPathComponentDetailsSchema.optional(),
  });
  const NetworkPathComponentSchema = z.looseObject({
    ComponentId: z.string().optional(),
    ComponentType: z.string().optional(),
    Egress: NetworkHeaderSchema.optional(),
    Ingress: NetworkHeaderSchema.optional(),
  });
  return NetworkPathComponentSchema;
}

/**
 * A `NetworkPath` entry: one hop (internet gateway, security group, instance...) on a network path,
 * as Amazon Inspector network reachability findings report it.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_NetworkPathComponent.html | NetworkPathComponent (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * NetworkPathComponentSchema.parse({
 *   ComponentId: 'igw-0a1b2c3d4e5f67890',
 *   ComponentType: 'AWS::EC2::InternetGateway',
 *   Ingress: {
 *     Protocol: 'TCP',
 *     Destination: { Address: ['10.0.1.25'], PortRanges: [{ Begin: 22, End: 22 }] },
 *     Source: { Address: ['0.0.0.0/0'] },
 *   },
 * });
 * ```
 */
export const NetworkPathComponentSchema = z.lazy(networkPathComponent);

/** A `NetworkPath` entry; inferred from {@link NetworkPathComponentSchema}. */
export type NetworkPathComponent = z.infer<typeof NetworkPathComponentSchema>;
