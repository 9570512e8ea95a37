/**
 * `@soar/sentinel`: findings exported to Microsoft Sentinel through the Azure Monitor Logs Ingestion
 * API, with an Entra ID token provider and records that fit the API's size limits.
 *
 * @packageDocumentation
 */
export { SentinelError, SentinelPayloadTooLargeError } from './errors';
export {
  AZURE_MONITOR_SCOPE,
  ENTRA_AUTHORITY_HOST,
  EntraTokenProvider,
  type EntraClientCredentials,
  type EntraTokenProviderOptions,
} from './entra-token-provider';
export {
  LOGS_INGESTION_API_VERSION,
  LOGS_INGESTION_MAX_BYTES,
  SentinelExporter,
  type SentinelExporterOptions,
} from './sentinel-exporter';
export {
  SENTINEL_FIELD_MAX_BYTES,
  sentinelRecord,
  type SentinelRecord,
  type SentinelRecordExtra,
} from './sentinel-record';
