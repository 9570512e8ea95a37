import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEcsServiceDetailsSchema}). */
function awsEcsServiceDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceCapacityProviderStrategyDetails.html | AwsEcsServiceCapacityProviderStrategyDetails} */
  const AwsEcsServiceCapacityProviderStrategyDetailsSchema = z.looseObject({
    Base: z.number().optional(),
    CapacityProvider: z.string().optional(),
    Weight: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceDeploymentConfigurationDeploymentCircuitBreakerDetails.html | AwsEcsServiceDeploymentConfigurationDeploymentCircuitBreakerDetails} */
  const AwsEcsServiceDeploymentConfigurationDeploymentCircuitBreakerDetailsSchema = z.looseObject({
    Enable: z.boolean().optional(),
    Rollback: z.boolean().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceDeploymentConfigurationDetails.html | AwsEcsServiceDeploymentConfigurationDetails} */
  const AwsEcsServiceDeploymentConfigurationDetailsSchema = z.looseObject({
    DeploymentCircuitBreaker:
      AwsEcsServiceDeploymentConfigurationDeploymentCircuitBreakerDetailsSchema.optional(),
    MaximumPercent: z.number().optional(),
    MinimumHealthyPercent: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceDeploymentControllerDetails.html | AwsEcsServiceDeploymentControllerDetails} */
  const AwsEcsServiceDeploymentControllerDetailsSchema = z.looseObject({
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceLoadBalancersDetails.html | AwsEcsServiceLoadBalancersDetails} */
  const AwsEcsServiceLoadBalancersDetailsSchema = z.looseObject({
    ContainerName: z.string().optional(),
    ContainerPort: z.number().optional(),
    LoadBalancerName: z.string().optional(),
    TargetGroupArn: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceNetworkConfigurationAwsVpcConfigurationDetails.html | AwsEcsServiceNetworkConfigurationAwsVpcConfigurationDetails} */
  const AwsEcsServiceNetworkConfigurationAwsVpcConfigurationDetailsSchema = z.looseObject({
    AssignPublicIp: z.string().optional(),
    SecurityGroups: z.array(z.string()).optional(),
    Subnets: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceNetworkConfigurationDetails.html | AwsEcsServiceNetworkConfigurationDetails} */
  const AwsEcsServiceNetworkConfigurationDetailsSchema = z.looseObject({
    AwsVpcConfiguration: AwsEcsServiceNetworkConfigurationAwsVpcConfigurationDetailsSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServicePlacementConstraintsDetails.html | AwsEcsServicePlacementConstraintsDetails} */
  const AwsEcsServicePlacementConstraintsDetailsSchema = z.looseObject({
    Expression: z.string().optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServicePlacementStrategiesDetails.html | AwsEcsServicePlacementStrategiesDetails} */
  const AwsEcsServicePlacementStrategiesDetailsSchema = z.looseObject({
    Field: z.string().optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceServiceRegistriesDetails.html | AwsEcsServiceServiceRegistriesDetails} */
  const AwsEcsServiceServiceRegistriesDetailsSchema = z.looseObject({
    ContainerName: z.string().optional(),
    ContainerPort: z.number().optional(),
    Port: z.number().optional(),
    RegistryArn: z.string().optional(),
  });

  const AwsEcsServiceDetailsSchema = z.looseObject({
    CapacityProviderStrategy: z.array(AwsEcsServiceCapacityProviderStrategyDetailsSchema).optional(),
    Cluster: z.string().optional(),
    DeploymentConfiguration: AwsEcsServiceDeploymentConfigurationDetailsSchema.optional(),
    DeploymentController: AwsEcsServiceDeploymentControllerDetailsSchema.optional(),
    DesiredCount: z.number().optional(),
    EnableEcsManagedTags: z.boolean().optional(),
    EnableExecuteCommand: z.boolean().optional(),
    HealthCheckGracePeriodSeconds: z.number().optional(),
    LaunchType: z.string().optional(),
    LoadBalancers: z.array(AwsEcsServiceLoadBalancersDetailsSchema).optional(),
    Name: z.string().optional(),
    NetworkConfiguration: AwsEcsServiceNetworkConfigurationDetailsSchema.optional(),
    PlacementConstraints: z.array(AwsEcsServicePlacementConstraintsDetailsSchema).optional(),
    PlacementStrategies: z.array(AwsEcsServicePlacementStrategiesDetailsSchema).optional(),
    PlatformVersion: z.string().optional(),
    PropagateTags: z.string().optional(),
    Role: z.string().optional(),
    SchedulingStrategy: z.string().optional(),
    ServiceArn: z.string().optional(),
    ServiceName: z.string().optional(),
    ServiceRegistries: z.array(AwsEcsServiceServiceRegistriesDetailsSchema).optional(),
    TaskDefinition: z.string().optional(),
  });
  return AwsEcsServiceDetailsSchema;
}

/**
 * Details about an Amazon ECS service: `Resources[].Details.AwsEcsService` of a finding whose resource `Type` is
 * `AwsEcsService`.
 *
 * Field names and types follow `AwsEcsServiceDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsServiceDetails.html | AwsEcsServiceDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEcsServiceDetailsSchema.parse({
 *   Cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/prod',
 *   ServiceArn: 'arn:aws:ecs:us-east-1:111122223333:service/prod/orders-api',
 *   ServiceName: 'orders-api',
 *   Name: 'orders-api',
 *   TaskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/orders-api:42',
 *   DesiredCount: 3,
 *   LaunchType: 'FARGATE',
 *   PlatformVersion: 'LATEST',
 *   SchedulingStrategy: 'REPLICA',
 *   PropagateTags: 'SERVICE',
 *   EnableEcsManagedTags: true,
 *   EnableExecuteCommand: false,
 *   HealthCheckGracePeriodSeconds: 60,
 *   DeploymentConfiguration: {
 *     MaximumPercent: 200,
 *     MinimumHealthyPercent: 100,
 *     DeploymentCircuitBreaker: { Enable: true, Rollback: true },
 *   },
 *   DeploymentController: { Type: 'ECS' },
 *   LoadBalancers: [
 *     {
 *       ContainerName: 'orders-api',
 *       ContainerPort: 8080,
 *       TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/orders-api/73e2d6bc24d8a067',
 *     },
 *   ],
 *   NetworkConfiguration: {
 *     AwsVpcConfiguration: {
 *       AssignPublicIp: 'ENABLED',
 *       SecurityGroups: ['sg-0123456789abcdef0'],
 *       Subnets: ['subnet-0a1b2c3d4e5f67890', 'subnet-1b2c3d4e5f6a78901'],
 *     },
 *   },
 * });
 * details.NetworkConfiguration?.AwsVpcConfiguration?.AssignPublicIp; // 'ENABLED'
 * ```
 */
export const AwsEcsServiceDetailsSchema = z.lazy(awsEcsServiceDetails);

/** Details about an Amazon ECS service; inferred from {@link AwsEcsServiceDetailsSchema}. */
export type AwsEcsServiceDetails = z.infer<typeof AwsEcsServiceDetailsSchema>;
