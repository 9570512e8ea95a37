import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Scratchpad } from '@soar/scratchpad';
import fc from 'fast-check';
import { aFixedControlFinding, aPad, RENDER_OPTIONS, teamFixSample } from '../../tests/render-fixtures';
import {
  autoFixedMessage,
  genericMessage,
  incidentMessage,
  teamFixMessage,
  ticketClosedMessage,
} from '../model/build-finding-messages';
import type { Message } from '../model/message';
import type { RenderedMessage } from '../rendered';
import { renderMessage } from './render-message';

/** Builders of every message kind that carries the finding's resources. */
const BUILDERS: readonly ((pad: Scratchpad) => Message)[] = [
  (pad) => teamFixMessage(pad, { ticketId: 'PAY-1' }),
  (pad) => autoFixedMessage(pad),
  (pad) => ticketClosedMessage(pad, { ticketId: 'PAY-1' }),
  (pad) => incidentMessage(pad, { incidentKind: 'generic' }),
  (pad) => genericMessage(pad),
];

/** Every text a channel sends, as one string: subject, email text and HTML, Jira, ServiceNow, Slack, Teams. */
function everyChannel(rendered: RenderedMessage): string {
  return JSON.stringify(rendered);
}

/** The text of each channel separately, to check that each one says values were replaced. */
function channelTexts(rendered: RenderedMessage): Record<string, string> {
  return {
    text: rendered.text,
    html: rendered.html,
    jira: JSON.stringify(rendered.jira),
    serviceNow: rendered.serviceNow.description,
    slack: JSON.stringify(rendered.slack),
    teams: JSON.stringify(rendered.teams),
  };
}

const TASK_DEFINITION_ARN = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/orders:7';

/** An ECS.x finding on a task definition whose team put the database password in plain environment. */
function anEcsFinding(password: string): AwsSecurityFinding {
  return aFixedControlFinding({
    Resources: [
      {
        Type: 'AwsEcsTaskDefinition',
        Id: TASK_DEFINITION_ARN,
        Partition: 'aws',
        Region: 'eu-west-1',
        Details: {
          AwsEcsTaskDefinition: {
            Family: 'orders',
            ContainerDefinitions: [
              {
                Name: 'api',
                Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2',
                Environment: [
                  { Name: 'DB_USER', Value: 'orders_app' },
                  { Name: 'DB_PASSWORD', Value: password },
                ],
              },
            ],
          },
        },
      },
    ],
  });
}

describe('Function: renderMessage (secrets never leave)', () => {
  it.each(BUILDERS.map((build, index) => [index, build] as const))(
    'never shows an ECS task definition environment value in any channel (builder %i)',
    (_index, build) => {
      // Arrange
      const password = 'Pg7xQ2vLmN9rT4wZ';

      // Act
      const rendered = renderMessage(build(aPad(anEcsFinding(password))), RENDER_OPTIONS);

      // Assert
      expect(everyChannel(rendered)).not.toContain(password);
      expect(everyChannel(rendered)).not.toContain('orders_app');
      expect(rendered.text).toContain('DB_PASSWORD');
      expect(rendered.text).toContain(TASK_DEFINITION_ARN);
      for (const [channel, text] of Object.entries(channelTexts(rendered))) {
        expect({ channel, says: text.includes('2 values that looked like secrets') }).toEqual({
          channel,
          says: true,
        });
      }
    },
  );

  it('says nothing about redaction when nothing was replaced', () => {
    // Act
    const rendered = renderMessage(teamFixSample(), RENDER_OPTIONS);

    // Assert
    expect(everyChannel(rendered)).not.toContain('looked like a secret');
    expect(everyChannel(rendered)).not.toContain('[redacted]');
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: secrets planted anywhere in generated resource details never reach a channel, and the
// values around them still do.

/** A secret: letters and digits only, so no channel's escaping could hide a leak from the check. */
const secret = fc.stringMatching(/^[A-Za-z0-9]{18}$/).map((value) => `Zq${value}`);
/** A value that is not a secret: lower case, so it can never contain a secret. */
const plainValue = fc.stringMatching(/^[a-z0-9]{10}$/).map((value) => `keep-${value}`);

/** Keys of resource details that are not secrets and do not name environment variables. */
const plainKey = fc.constantFrom(
  'Family',
  'Image',
  'Handler',
  'Runtime',
  'Settings',
  'Options',
  'Data',
  'Items',
);
const variableName = fc.constantFrom('LOG_LEVEL', 'PORT', 'DB_HOST', 'FEATURE_FLAGS', 'DB_PASSWORD');
const secretKey = fc
  .constantFrom(
    'password',
    'DB_PASSWORD',
    'MasterUserPassword',
    'clientSecret',
    'api_key',
    'ApiKey',
    'AuthToken',
    'x-api-token',
    'PrivateKey',
    'Credentials',
    'ConnectionString',
    'Authorization',
    'UserData',
  )
  .chain((key) => fc.constantFrom(key, key.toLowerCase(), key.toUpperCase()));

/** One way a secret sits in resource details or in a text, each as AWS or a careless team writes it. */
const planted: fc.Arbitrary<{ readonly secret: string; readonly json: unknown }> = secret.chain((value) =>
  fc
    .oneof(
      secretKey.chain((key) =>
        fc.constantFrom({ [key]: value }, { [key]: { Current: value } }, { [key]: [value] }),
      ),
      variableName.map((name) => ({ Environment: [{ Name: name, Value: value }] })),
      variableName.map((name) => ({ Environment: { Variables: { [name]: value } } })),
      fc
        .tuple(variableName, fc.constantFrom('PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'))
        .map(([name, type]) => ({ EnvironmentVariables: [{ Name: name, Type: type, Value: value }] })),
      fc.constantFrom(
        { Name: 'DB_PASSWORD', Value: value },
        { Key: 'github_token', Value: value },
        { Comment: `password=${value}` },
        { Url: `postgres://app:${value}@db.internal:5432/orders` },
        { Header: `Authorization: Bearer ${value}` },
        { Json: `{"client_secret":"${value}","region":"eu-west-1"}` },
        { Pem: `-----BEGIN PRIVATE KEY-----\n${value}\n-----END PRIVATE KEY-----` },
      ),
    )
    .map((json) => ({ secret: value, json })),
);

/** Generated details: plain values, planted secrets and nested objects/arrays, at random depths. */
interface Generated {
  readonly json: unknown;
  readonly secrets: readonly string[];
  readonly plain: readonly string[];
}

const merge = (parts: readonly Generated[], json: unknown): Generated => ({
  json,
  secrets: parts.flatMap((part) => part.secrets),
  plain: parts.flatMap((part) => part.plain),
});

const { details } = fc.letrec<{ details: Generated; entry: Generated }>((tie) => ({
  entry: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainValue.map((value): Generated => ({ json: value, secrets: [], plain: [value] })),
    planted.map((plant): Generated => ({ json: plant.json, secrets: [plant.secret], plain: [] })),
    tie('details'),
    fc.array(tie('entry'), { minLength: 1, maxLength: 2 }).map((items) =>
      merge(
        items,
        items.map((item) => item.json),
      ),
    ),
  ),
  details: fc
    .uniqueArray(fc.tuple(plainKey, tie('entry')), { minLength: 1, maxLength: 3, selector: ([key]) => key })
    .map((entries) =>
      merge(
        entries.map(([, entry]) => entry),
        Object.fromEntries(entries.map(([key, entry]) => [key, entry.json])),
      ),
    ),
}));

/** A finding whose resources carry the generated details, and an ECS task definition with planted values. */
const findingWithSecrets = fc
  .record({
    details,
    detailsType: fc.constantFrom('AwsLambdaFunction', 'AwsBatchJobDefinition', 'AwsCodeBuildProject'),
    ecsEnvironment: fc.array(fc.tuple(variableName, secret), { maxLength: 3 }),
    tagSecret: fc.option(secret, { nil: undefined }),
  })
  .map(({ details: generated, detailsType, ecsEnvironment, tagSecret }) => {
    const finding = aFixedControlFinding({
      Resources: [
        {
          Type: detailsType,
          Id: `arn:aws:lambda:eu-west-1:111122223333:function:orders`,
          Details: { [detailsType]: generated.json },
          ...(tagSecret === undefined ? {} : { Tags: { team: 'payments', db_password: tagSecret } }),
        },
        {
          Type: 'AwsEcsTaskDefinition',
          Id: TASK_DEFINITION_ARN,
          Details: {
            AwsEcsTaskDefinition: {
              ContainerDefinitions: [
                {
                  Name: 'api',
                  Environment: ecsEnvironment.map(([name, value]) => ({ Name: name, Value: value })),
                },
              ],
            },
          },
        },
      ],
    });
    const secrets = [
      ...generated.secrets,
      ...ecsEnvironment.map(([, value]) => value),
      ...(tagSecret === undefined ? [] : [tagSecret]),
    ];
    return { finding, secrets, plain: generated.plain };
  });

describe('Function: renderMessage (secrets never leave, property)', () => {
  it('shows no planted secret in any channel, keeps every plain value, and says values were replaced', () => {
    fc.assert(
      fc.property(findingWithSecrets, fc.constantFrom(...BUILDERS), ({ finding, secrets, plain }, build) => {
        // Act
        const rendered = renderMessage(build(aPad(finding)), RENDER_OPTIONS);

        // Assert
        const all = everyChannel(rendered);
        expect(secrets.filter((value) => all.includes(value))).toEqual([]);
        expect(plain.filter((value) => !rendered.text.includes(value))).toEqual([]);
        if (secrets.length > 0) expect(rendered.text).toMatch(/values? that looked like (a )?secrets?/);
      }),
      { numRuns: 200 },
    );
  });
});
