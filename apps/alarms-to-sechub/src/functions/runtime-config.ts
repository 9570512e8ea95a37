import { describeZodIssues } from '@soar/asff-schema';
import { AlarmConfigError, AlarmFindingConfigSchema } from '@soar/alarms';
import * as z from 'zod';

import { RoleNameSchema } from '../role-name';

/** The environment variable the stack writes the function's configuration to. */
export const RUNTIME_CONFIG_VARIABLE = 'ALARMS_CONFIG';

/** What the function reads from `ALARMS_CONFIG`: the role to assume and the conversion rules. */
export const AlarmsRuntimeConfigSchema = z.strictObject({
  roleName: RoleNameSchema,
  finding: AlarmFindingConfigSchema.prefault({}),
});
export type AlarmsRuntimeConfig = z.infer<typeof AlarmsRuntimeConfigSchema>;
export type AlarmsRuntimeConfigInput = z.input<typeof AlarmsRuntimeConfigSchema>;

/**
 * Reads the function's configuration from `ALARMS_CONFIG` (JSON, written by the stack).
 *
 * @throws {AlarmConfigError} naming the variable and each bad field, e.g.
 * `ALARMS_CONFIG: roleName: must be an IAM role name (no path)`
 */
export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv): AlarmsRuntimeConfig {
  const text = env[RUNTIME_CONFIG_VARIABLE];
  if (text === undefined || text.trim() === '')
    throw new AlarmConfigError(`${RUNTIME_CONFIG_VARIABLE} is not set: the stack writes it`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AlarmConfigError(`${RUNTIME_CONFIG_VARIABLE}: not valid JSON`);
  }
  const parsed = AlarmsRuntimeConfigSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [], { schema: AlarmsRuntimeConfigSchema });
  throw new AlarmConfigError(`${RUNTIME_CONFIG_VARIABLE}: ${issues.join('; ')}`);
}
