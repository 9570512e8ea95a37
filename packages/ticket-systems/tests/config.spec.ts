import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelConfigurationError } from '@soar/http';
import { MALICIOUS_TICKET_IDS } from './fixtures';
import {
  createTicketSystem,
  CREDENTIALS_SECRET_SHAPE,
  InternalTicketSystem,
  JiraTicketSystem,
  projectTagsOf,
  ServiceNowTicketSystem,
  TicketSystemConfigSchema,
} from '../src';

describe('Schema: TicketSystemConfigSchema', () => {
  it('fills in the defaults of each system', () => {
    expect(TicketSystemConfigSchema.parse({ system: 'jira', secretId: 'soar/jira' })).toEqual({
      system: 'jira',
      secretId: 'soar/jira',
      issueType: 'Task',
      initialTransitions: [],
      finalTransitions: ['Done'],
    });
    expect(TicketSystemConfigSchema.parse({ system: 'servicenow' })).toEqual({
      system: 'servicenow',
      table: 'incident',
    });
  });

  it('rejects a key the system does not have, naming it', () => {
    const parsed = TicketSystemConfigSchema.safeParse({
      system: 'jira',
      secretArn: 'arn:aws:secretsmanager:…',
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['secretArn'] }),
    );
  });
});

describe('Function: createTicketSystem', () => {
  it('builds the configured system', () => {
    expect(createTicketSystem({ system: 'internal' })).toBeInstanceOf(InternalTicketSystem);
    expect(
      createTicketSystem(TicketSystemConfigSchema.parse({ system: 'jira', secretId: 'soar/jira' })),
    ).toBeInstanceOf(JiraTicketSystem);
    expect(
      createTicketSystem(TicketSystemConfigSchema.parse({ system: 'servicenow', secretId: 'soar/sn' })),
    ).toBeInstanceOf(ServiceNowTicketSystem);
  });

  it('refuses Jira or ServiceNow without the secret of its credentials', () => {
    const build = () => createTicketSystem(TicketSystemConfigSchema.parse({ system: 'jira' }));

    expect(build).toThrow(ChannelConfigurationError);
    expect(build).toThrow(/secretId/);
  });
});

describe('Function: projectTagsOf', () => {
  it('reads ServiceNow queues for ServiceNow, Jira project keys otherwise', () => {
    expect(projectTagsOf({ system: 'servicenow' })).toBe('SERVICE_NOW');
    expect(projectTagsOf({ system: 'jira' })).toBe('JIRA');
    expect(projectTagsOf({ system: 'internal' })).toBe('JIRA');
  });
});

/** Every system the configuration schema offers: the literal of each option's `system`. */
function configuredSystems(): string[] {
  return TicketSystemConfigSchema.unwrap().options.map((option) => option.shape.system.value);
}

describe('Registry gate: every ticket system of the configuration', () => {
  it.each(configuredSystems())(
    '%s is built from its configuration and refuses forged ticket ids',
    (system) => {
      // Arrange
      const config = TicketSystemConfigSchema.parse(
        system === 'internal' ? { system } : { system, secretId: `soar/${system}` },
      );

      // Act
      const ticketSystem = createTicketSystem(config);

      // Assert
      expect(ticketSystem.name).toBe(system);
      for (const id of MALICIOUS_TICKET_IDS)
        expect({ id, valid: ticketSystem.isValidTicketId(id) }).toEqual({ id, valid: false });
    },
  );

  it.each(configuredSystems().filter((system) => system !== 'internal'))(
    '%s says what its credentials secret holds, and the README documents it',
    (system) => {
      expect(CREDENTIALS_SECRET_SHAPE).toHaveProperty(system);
      expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain(`\`${system}\``);
    },
  );
});
