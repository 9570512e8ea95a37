/**
 * `@soar/workflow/config`: the runtime configuration every SOAR function reads from `SOAR_CONFIG`.
 *
 * @packageDocumentation
 */
export {
  accountMetadataConfigOf,
  GateTablesSchema,
  isTicketOnly,
  parseRuntimeConfig,
  RUNTIME_CONFIG_VARIABLE,
  RuntimeConfigSchema,
  runtimeConfigFromEnv,
  TicketOnlyRuleSchema,
  type GateTables,
  type RuntimeConfig,
  type RuntimeConfigInput,
} from './runtime-config';
export {
  CHANNEL_NAMES,
  channelApplies,
  ChannelsConfigSchema,
  ChannelWhenSchema,
  selectedChannels,
  type ChannelName,
  type ChannelsConfig,
  type ChannelTarget,
  type ChannelWhen,
} from '@soar/notifications';
export { WorkflowConfigError } from './errors';
