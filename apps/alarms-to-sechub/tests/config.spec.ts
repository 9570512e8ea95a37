import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nonStrictObjects } from '@soar/testing';

import {
  AlarmsAppConfigError,
  AlarmsAppConfigSchema,
  configFromContext,
  loadAppConfigFile,
  parseAppConfig,
} from '../src/config';

function context(values: Record<string, unknown>) {
  return { tryGetContext: (key: string): unknown => values[key] };
}

describe('Function: parseAppConfig', () => {
  it('gives the documented defaults for a configuration that names only its organization', () => {
    expect(parseAppConfig({ organizationId: 'o-abcdefghij' })).toEqual({
      organizationId: 'o-abcdefghij',
      allowAnyOrganization: false,
      stackName: 'AlarmsToSecHub',
      forwarderStackName: 'AlarmsToSecHubForwarder',
      regions: [],
      eventBusName: 'default',
      roleName: 'SecurityHubRole',
      finding: {
        alarmType: 'soar-cloudwatch-alarms',
        companyName: 'SOAR',
        defaultSeverity: 'MEDIUM',
        defaultDomain: 'APP',
        suppress: { firstSegments: ['CIS'], names: [] },
      },
      logRetentionDays: 30,
      retainLogs: true,
    });
  });

  it.each([
    [{ organizationId: 'org-1' }, 'organizationId: must be an organization id'],
    [{}, 'organizationId: is not set. Set it to your organization id'],
    [{ organisationId: 'o-abcdefghij' }, 'organisationId'],
    [{ organizationId: 'o-abcdefghij', allowAnyOrganization: true }, 'allowAnyOrganization: cannot be true'],
    [{ securityAccountId: '12' }, 'securityAccountId: must be a 12-digit account id'],
    [{ regions: ['eu-west-1', 'Europe'] }, 'regions.1: must be a region name'],
    [{ regions: ['eu-west-1', 'eu-west-1'] }, 'regions: must not repeat a region'],
    [{ roleName: 'path/Role' }, 'roleName: must be an IAM role name'],
    [{ logRetentionDays: 10 }, 'logRetentionDays: must be one of 1, 3, 5'],
    [{ finding: { defaultSeverity: 'URGENT' } }, 'finding.defaultSeverity'],
    [{ finding: { alarmType: 'a/b' } }, 'finding.alarmType: must be one type segment'],
    [{ finding: { suppress: { firstSegments: ['CIS-'] } } }, 'finding.suppress.firstSegments.0'],
    [{ regoins: ['eu-west-1'] }, 'regoins'],
  ])('names the bad field of %j', (input, message) => {
    expect(() => parseAppConfig(input, 'alarms.config.yaml')).toThrow(AlarmsAppConfigError);
    expect(() => parseAppConfig(input, 'alarms.config.yaml')).toThrow(
      new RegExp(
        `^alarms.config.yaml: invalid alarms-to-sechub configuration:\\n {2}.*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        's',
      ),
    );
  });
});

describe('Unknown keys', () => {
  it('leaves no object in the schema that would drop an unknown key', () => {
    expect(nonStrictObjects(AlarmsAppConfigSchema)).toEqual([]);
  });

  it.each([
    [{ organisationId: 'o-abcdefghij' }, 'organisationId: unknown key; did you mean "organizationId"?'],
    [{ regoins: ['eu-west-1'] }, 'regoins: unknown key; did you mean "regions"?'],
    [
      { finding: { defaultSeverty: 'HIGH' } },
      'finding.defaultSeverty: unknown key; did you mean "defaultSeverity"?',
    ],
    [
      { finding: { suppress: { name: ['INFRA-Noisy-Alarm-LOW'] } } },
      'finding.suppress.name: unknown key; did you mean "names"?',
    ],
  ])('refuses %j, naming the path and the key meant', (input, line) => {
    const parse = () => parseAppConfig({ organizationId: 'o-abcdefghij', ...input }, 'alarms.config.yaml');

    expect(parse).toThrow(AlarmsAppConfigError);
    expect(parse).toThrow(`alarms.config.yaml: invalid alarms-to-sechub configuration:\n  ${line}`);
  });
});

describe('Configuration sources', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alarms-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a YAML or JSON file named by -c configFile', () => {
    const yaml = path.join(dir, 'alarms.config.yaml');
    fs.writeFileSync(yaml, 'organizationId: o-abcdefghij\nregions:\n  - eu-west-1\n  - eu-north-1\n');
    const json = path.join(dir, 'alarms.config.json');
    fs.writeFileSync(
      json,
      JSON.stringify({ roleName: 'OrganizationAccountAccessRole', allowAnyOrganization: true }),
    );

    expect(configFromContext(context({ configFile: yaml })).regions).toEqual(['eu-west-1', 'eu-north-1']);
    expect(loadAppConfigFile(json).roleName).toBe('OrganizationAccountAccessRole');
    // configFile wins over the inline context
    expect(configFromContext(context({ configFile: json, alarms: '{"roleName":"Other"}' })).roleName).toBe(
      'OrganizationAccountAccessRole',
    );
  });

  it('reads -c alarms=JSON (text or object); with neither, the defaults, which name no organization', () => {
    expect(
      configFromContext(context({ alarms: '{"eventBusName":"soar-alarms","organizationId":"o-abcdefghij"}' }))
        .eventBusName,
    ).toBe('soar-alarms');
    expect(
      configFromContext(context({ alarms: { eventBusName: 'soar-alarms', allowAnyOrganization: true } }))
        .eventBusName,
    ).toBe('soar-alarms');
    expect(() => configFromContext(context({}))).toThrow(/organizationId: is not set/);
  });

  it('reports unreadable and unparsable sources', () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'regions: [eu-west-1');
    expect(() => loadAppConfigFile(path.join(dir, 'missing.yaml'))).toThrow(/cannot read the configuration/);
    expect(() => loadAppConfigFile(bad)).toThrow(/bad.yaml: not valid YAML/);
    expect(() => configFromContext(context({ alarms: '{' }))).toThrow(/context "alarms": not valid JSON/);
  });
});
