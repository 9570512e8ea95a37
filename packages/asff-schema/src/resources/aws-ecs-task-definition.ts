import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEcsTaskDefinitionDetailsSchema}). */
function awsEcsTaskDefinitionDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsDependsOnDetails.html | AwsEcsTaskDefinitionContainerDefinitionsDependsOnDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsDependsOnDetailsSchema = z.looseObject({
    Condition: z.string().optional(),
    ContainerName: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetails.html | AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsEnvironmentFilesDetails.html | AwsEcsTaskDefinitionContainerDefinitionsEnvironmentFilesDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsEnvironmentFilesDetailsSchema = z.looseObject({
    Type: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsExtraHostsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsExtraHostsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsExtraHostsDetailsSchema = z.looseObject({
    Hostname: z.string().optional(),
    IpAddress: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsFirelensConfigurationDetails.html | AwsEcsTaskDefinitionContainerDefinitionsFirelensConfigurationDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsFirelensConfigurationDetailsSchema = z.looseObject({
    Options: z.record(z.string(), z.string()).optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsHealthCheckDetails.html | AwsEcsTaskDefinitionContainerDefinitionsHealthCheckDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsHealthCheckDetailsSchema = z.looseObject({
    Command: z.array(z.string()).optional(),
    Interval: z.number().optional(),
    Retries: z.number().optional(),
    StartPeriod: z.number().optional(),
    Timeout: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersCapabilitiesDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersCapabilitiesDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersCapabilitiesDetailsSchema = z.looseObject({
    Add: z.array(z.string()).optional(),
    Drop: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDevicesDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDevicesDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDevicesDetailsSchema = z.looseObject({
    ContainerPath: z.string().optional(),
    HostPath: z.string().optional(),
    Permissions: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersTmpfsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersTmpfsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersTmpfsDetailsSchema = z.looseObject({
    ContainerPath: z.string().optional(),
    MountOptions: z.array(z.string()).optional(),
    Size: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetailsSchema = z.looseObject({
    Capabilities: AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersCapabilitiesDetailsSchema.optional(),
    Devices: z.array(AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDevicesDetailsSchema).optional(),
    InitProcessEnabled: z.boolean().optional(),
    MaxSwap: z.number().optional(),
    SharedMemorySize: z.number().optional(),
    Swappiness: z.number().optional(),
    Tmpfs: z.array(AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersTmpfsDetailsSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationSecretOptionsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationSecretOptionsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationSecretOptionsDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    ValueFrom: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationDetails.html | AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationDetailsSchema = z.looseObject({
    LogDriver: z.string().optional(),
    Options: z.record(z.string(), z.string()).optional(),
    SecretOptions: z
      .array(AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationSecretOptionsDetailsSchema)
      .optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetailsSchema = z.looseObject({
    ContainerPath: z.string().optional(),
    ReadOnly: z.boolean().optional(),
    SourceVolume: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsPortMappingsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsPortMappingsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsPortMappingsDetailsSchema = z.looseObject({
    ContainerPort: z.number().optional(),
    HostPort: z.number().optional(),
    Protocol: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsRepositoryCredentialsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsRepositoryCredentialsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsRepositoryCredentialsDetailsSchema = z.looseObject({
    CredentialsParameter: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsResourceRequirementsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsResourceRequirementsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsResourceRequirementsDetailsSchema = z.looseObject({
    Type: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsSecretsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsSecretsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsSecretsDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    ValueFrom: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsSystemControlsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsSystemControlsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsSystemControlsDetailsSchema = z.looseObject({
    Namespace: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsUlimitsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsUlimitsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsUlimitsDetailsSchema = z.looseObject({
    HardLimit: z.number().optional(),
    Name: z.string().optional(),
    SoftLimit: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsVolumesFromDetails.html | AwsEcsTaskDefinitionContainerDefinitionsVolumesFromDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsVolumesFromDetailsSchema = z.looseObject({
    ReadOnly: z.boolean().optional(),
    SourceContainer: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionContainerDefinitionsDetails.html | AwsEcsTaskDefinitionContainerDefinitionsDetails} */
  const AwsEcsTaskDefinitionContainerDefinitionsDetailsSchema = z.looseObject({
    Command: z.array(z.string()).optional(),
    Cpu: z.number().optional(),
    DependsOn: z.array(AwsEcsTaskDefinitionContainerDefinitionsDependsOnDetailsSchema).optional(),
    DisableNetworking: z.boolean().optional(),
    DnsSearchDomains: z.array(z.string()).optional(),
    DnsServers: z.array(z.string()).optional(),
    DockerLabels: z.record(z.string(), z.string()).optional(),
    DockerSecurityOptions: z.array(z.string()).optional(),
    EntryPoint: z.array(z.string()).optional(),
    Environment: z.array(AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetailsSchema).optional(),
    EnvironmentFiles: z
      .array(AwsEcsTaskDefinitionContainerDefinitionsEnvironmentFilesDetailsSchema)
      .optional(),
    Essential: z.boolean().optional(),
    ExtraHosts: z.array(AwsEcsTaskDefinitionContainerDefinitionsExtraHostsDetailsSchema).optional(),
    FirelensConfiguration:
      AwsEcsTaskDefinitionContainerDefinitionsFirelensConfigurationDetailsSchema.optional(),
    HealthCheck: AwsEcsTaskDefinitionContainerDefinitionsHealthCheckDetailsSchema.optional(),
    Hostname: z.string().optional(),
    Image: z.string().optional(),
    Interactive: z.boolean().optional(),
    Links: z.array(z.string()).optional(),
    LinuxParameters: AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetailsSchema.optional(),
    LogConfiguration: AwsEcsTaskDefinitionContainerDefinitionsLogConfigurationDetailsSchema.optional(),
    Memory: z.number().optional(),
    MemoryReservation: z.number().optional(),
    MountPoints: z.array(AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetailsSchema).optional(),
    Name: z.string().optional(),
    PortMappings: z.array(AwsEcsTaskDefinitionContainerDefinitionsPortMappingsDetailsSchema).optional(),
    Privileged: z.boolean().optional(),
    PseudoTerminal: z.boolean().optional(),
    ReadonlyRootFilesystem: z.boolean().optional(),
    RepositoryCredentials:
      AwsEcsTaskDefinitionContainerDefinitionsRepositoryCredentialsDetailsSchema.optional(),
    ResourceRequirements: z
      .array(AwsEcsTaskDefinitionContainerDefinitionsResourceRequirementsDetailsSchema)
      .optional(),
    Secrets: z.array(AwsEcsTaskDefinitionContainerDefinitionsSecretsDetailsSchema).optional(),
    StartTimeout: z.number().optional(),
    StopTimeout: z.number().optional(),
    SystemControls: z.array(AwsEcsTaskDefinitionContainerDefinitionsSystemControlsDetailsSchema).optional(),
    Ulimits: z.array(AwsEcsTaskDefinitionContainerDefinitionsUlimitsDetailsSchema).optional(),
    User: z.string().optional(),
    VolumesFrom: z.array(AwsEcsTaskDefinitionContainerDefinitionsVolumesFromDetailsSchema).optional(),
    WorkingDirectory: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionInferenceAcceleratorsDetails.html | AwsEcsTaskDefinitionInferenceAcceleratorsDetails} */
  const AwsEcsTaskDefinitionInferenceAcceleratorsDetailsSchema = z.looseObject({
    DeviceName: z.string().optional(),
    DeviceType: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionPlacementConstraintsDetails.html | AwsEcsTaskDefinitionPlacementConstraintsDetails} */
  const AwsEcsTaskDefinitionPlacementConstraintsDetailsSchema = z.looseObject({
    Expression: z.string().optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionProxyConfigurationProxyConfigurationPropertiesDetails.html | AwsEcsTaskDefinitionProxyConfigurationProxyConfigurationPropertiesDetails} */
  const AwsEcsTaskDefinitionProxyConfigurationProxyConfigurationPropertiesDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionProxyConfigurationDetails.html | AwsEcsTaskDefinitionProxyConfigurationDetails} */
  const AwsEcsTaskDefinitionProxyConfigurationDetailsSchema = z.looseObject({
    ContainerName: z.string().optional(),
    ProxyConfigurationProperties: z
      .array(AwsEcsTaskDefinitionProxyConfigurationProxyConfigurationPropertiesDetailsSchema)
      .optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionVolumesDockerVolumeConfigurationDetails.html | AwsEcsTaskDefinitionVolumesDockerVolumeConfigurationDetails} */
  const AwsEcsTaskDefinitionVolumesDockerVolumeConfigurationDetailsSchema = z.looseObject({
    Autoprovision: z.boolean().optional(),
    Driver: z.string().optional(),
    DriverOpts: z.record(z.string(), z.string()).optional(),
    Labels: z.record(z.string(), z.string()).optional(),
    Scope: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationAuthorizationConfigDetails.html | AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationAuthorizationConfigDetails} */
  const AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationAuthorizationConfigDetailsSchema = z.looseObject({
    AccessPointId: z.string().optional(),
    Iam: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationDetails.html | AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationDetails} */
  const AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationDetailsSchema = z.looseObject({
    AuthorizationConfig:
      AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationAuthorizationConfigDetailsSchema.optional(),
    FilesystemId: z.string().optional(),
    RootDirectory: z.string().optional(),
    TransitEncryption: z.string().optional(),
    TransitEncryptionPort: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionVolumesHostDetails.html | AwsEcsTaskDefinitionVolumesHostDetails} */
  const AwsEcsTaskDefinitionVolumesHostDetailsSchema = z.looseObject({
    SourcePath: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionVolumesDetails.html | AwsEcsTaskDefinitionVolumesDetails} */
  const AwsEcsTaskDefinitionVolumesDetailsSchema = z.looseObject({
    DockerVolumeConfiguration: AwsEcsTaskDefinitionVolumesDockerVolumeConfigurationDetailsSchema.optional(),
    EfsVolumeConfiguration: AwsEcsTaskDefinitionVolumesEfsVolumeConfigurationDetailsSchema.optional(),
    Host: AwsEcsTaskDefinitionVolumesHostDetailsSchema.optional(),
    Name: z.string().optional(),
  });

  const AwsEcsTaskDefinitionDetailsSchema = z.looseObject({
    ContainerDefinitions: z.array(AwsEcsTaskDefinitionContainerDefinitionsDetailsSchema).optional(),
    Cpu: z.string().optional(),
    ExecutionRoleArn: z.string().optional(),
    Family: z.string().optional(),
    InferenceAccelerators: z.array(AwsEcsTaskDefinitionInferenceAcceleratorsDetailsSchema).optional(),
    IpcMode: z.string().optional(),
    Memory: z.string().optional(),
    NetworkMode: z.string().optional(),
    PidMode: z.string().optional(),
    PlacementConstraints: z.array(AwsEcsTaskDefinitionPlacementConstraintsDetailsSchema).optional(),
    ProxyConfiguration: AwsEcsTaskDefinitionProxyConfigurationDetailsSchema.optional(),
    RequiresCompatibilities: z.array(z.string()).optional(),
    TaskRoleArn: z.string().optional(),
    Volumes: z.array(AwsEcsTaskDefinitionVolumesDetailsSchema).optional(),
    Status: z.string().optional(),
  });
  return AwsEcsTaskDefinitionDetailsSchema;
}

/**
 * Details about an Amazon ECS task definition: `Resources[].Details.AwsEcsTaskDefinition` of a finding whose resource `Type` is
 * `AwsEcsTaskDefinition`.
 *
 * Field names and types follow `AwsEcsTaskDefinitionDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcsTaskDefinitionDetails.html | AwsEcsTaskDefinitionDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEcsTaskDefinitionDetailsSchema.parse({
 *   Family: 'orders-api',
 *   Status: 'ACTIVE',
 *   Cpu: '512',
 *   Memory: '1024',
 *   NetworkMode: 'awsvpc',
 *   RequiresCompatibilities: ['FARGATE'],
 *   ExecutionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
 *   TaskRoleArn: 'arn:aws:iam::111122223333:role/orders-api-task',
 *   ContainerDefinitions: [
 *     {
 *       Name: 'orders-api',
 *       Image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/orders-service:1.42.0',
 *       Cpu: 512,
 *       Memory: 1024,
 *       Essential: true,
 *       Privileged: true,
 *       ReadonlyRootFilesystem: false,
 *       User: 'root',
 *       PortMappings: [{ ContainerPort: 8080, HostPort: 8080, Protocol: 'tcp' }],
 *       Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
 *       Secrets: [
 *         {
 *           Name: 'DB_PASSWORD',
 *           ValueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/db-AbCdEf',
 *         },
 *       ],
 *       LogConfiguration: {
 *         LogDriver: 'awslogs',
 *         Options: {
 *           'awslogs-group': '/ecs/orders-api',
 *           'awslogs-region': 'us-east-1',
 *           'awslogs-stream-prefix': 'ecs',
 *         },
 *       },
 *       LinuxParameters: { Capabilities: { Add: ['SYS_PTRACE'] }, InitProcessEnabled: true },
 *     },
 *   ],
 *   Volumes: [
 *     {
 *       Name: 'shared-data',
 *       EfsVolumeConfiguration: {
 *         FilesystemId: 'fs-0123456789abcdef0',
 *         RootDirectory: '/',
 *         TransitEncryption: 'ENABLED',
 *         AuthorizationConfig: { AccessPointId: 'fsap-0123456789abcdef0', Iam: 'ENABLED' },
 *       },
 *     },
 *   ],
 * });
 * details.ContainerDefinitions?.[0]?.Privileged; // true
 * ```
 */
export const AwsEcsTaskDefinitionDetailsSchema = z.lazy(awsEcsTaskDefinitionDetails);

/** Details about an Amazon ECS task definition; inferred from {@link AwsEcsTaskDefinitionDetailsSchema}. */
export type AwsEcsTaskDefinitionDetails = z.infer<typeof AwsEcsTaskDefinitionDetailsSchema>;
