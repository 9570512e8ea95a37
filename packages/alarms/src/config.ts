import { SeverityLabelSchema, describeZodIssues } from '@soar/asff-schema';
import * as z from 'zod';

import { AlarmConfigError } from './errors';
import { INCIDENT_DOMAINS } from './naming';

/**
 * How alarms become findings. Every field has a default: `{}` is the documented behaviour.
 *
 * | Field | Default | Meaning |
 * |---|---|---|
 * | `alarmType` | `soar-cloudwatch-alarms` | last part of the finding type `Software and Configuration Checks/CloudWatch Alarms/<alarmType>`; SOAR's enrichment and reports match on it |
 * | `companyName` | `SOAR` | `ProductFields["aws/securityhub/CompanyName"]` |
 * | `defaultSeverity` | `MEDIUM` | severity of an alarm whose name has no severity segment (a warning is logged) |
 * | `defaultDomain` | `APP` | domain of an alarm whose name has no `INFRA` or `APP` segment |
 * | `suppress.firstSegments` | `['CIS']` | first name segments whose alarms make no finding (ASCII case-insensitive) |
 * | `suppress.names` | `[]` | exact alarm names that make no finding |
 */
export const AlarmFindingConfigSchema = z.strictObject({
  alarmType: z
    .string()
    .regex(/^[^/\s](?:[^/]*[^/\s])?$/, 'must be one type segment: no "/", no leading or trailing blanks')
    .max(128)
    .default('soar-cloudwatch-alarms'),
  companyName: z.string().regex(/\S/, 'must not be blank').max(128).default('SOAR'),
  defaultSeverity: SeverityLabelSchema.default('MEDIUM'),
  defaultDomain: z.enum(INCIDENT_DOMAINS).default('APP'),
  suppress: z
    .strictObject({
      firstSegments: z
        .array(z.string().regex(/^[A-Za-z0-9.]+$/, 'must be one name segment: ASCII letters, digits, dots'))
        .default(['CIS']),
      names: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
});

/** The conversion's configuration, defaults applied. */
export type AlarmFindingConfig = z.infer<typeof AlarmFindingConfigSchema>;
/** The conversion's configuration as written (every field optional). */
export type AlarmFindingConfigInput = z.input<typeof AlarmFindingConfigSchema>;

/** The documented defaults: `parseAlarmFindingConfig({})`. */
export const DEFAULT_ALARM_FINDING_CONFIG: AlarmFindingConfig = AlarmFindingConfigSchema.parse({});

/**
 * Validates the conversion's configuration and applies the defaults.
 *
 * @throws {AlarmConfigError} naming the source and each bad field, such as
 * `ALARMS_CONFIG: invalid alarm finding configuration: defaultSeverity: Invalid option: expected one of …`
 *
 * @example
 * ```ts
 * const config = parseAlarmFindingConfig({ defaultSeverity: 'HIGH' });
 * config.alarmType; // 'soar-cloudwatch-alarms'
 * ```
 */
export function parseAlarmFindingConfig(input: unknown, source = 'config'): AlarmFindingConfig {
  const parsed = AlarmFindingConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues);
  throw new AlarmConfigError(`${source}: invalid alarm finding configuration: ${issues.join('; ')}`);
}
