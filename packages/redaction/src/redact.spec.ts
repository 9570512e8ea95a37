import fc from 'fast-check';
import { looksSecret, REDACTED, redact } from '.';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('Function: redact (environment variables in resource details)', () => {
  it('hides every value of an ECS container definition environment, keeping the names', () => {
    // Arrange: the task definition of a team that put its database password in plain environment
    const details = {
      AwsEcsTaskDefinition: {
        Family: 'orders',
        ContainerDefinitions: [
          {
            Name: 'api',
            Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2',
            Environment: [
              { Name: 'DB_PASSWORD', Value: 'Tr0ub4dor&3' },
              { Name: 'DB_HOST', Value: 'orders.cluster-abc.eu-west-1.rds.amazonaws.com' },
            ],
            Secrets: [
              {
                Name: 'API_KEY',
                ValueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders-AbCdEf',
              },
            ],
          },
        ],
      },
    };

    // Act
    const { value, redacted } = redact(details);

    // Assert
    expect(value).toEqual({
      AwsEcsTaskDefinition: {
        Family: 'orders',
        ContainerDefinitions: [
          {
            Name: 'api',
            Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2',
            Environment: [
              { Name: 'DB_PASSWORD', Value: REDACTED },
              { Name: 'DB_HOST', Value: REDACTED },
            ],
            // A reference to a secret is not the secret: the team needs it to find it.
            Secrets: [
              {
                Name: 'API_KEY',
                ValueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders-AbCdEf',
              },
            ],
          },
        ],
      },
    });
    expect(redacted).toBe(2);
  });

  it('hides Lambda Environment.Variables, Batch and CodeBuild environment values, parameter names included', () => {
    // Arrange
    const details = {
      AwsLambdaFunction: {
        Handler: 'index.handler',
        Environment: { Variables: { STRIPE_KEY: 'sk_live_abc', REGION_NAME: 'eu-west-1' } },
      },
      AwsBatchJobDefinition: {
        ContainerProperties: { Environment: [{ Name: 'TOKEN', Value: 'batch-value' }] },
      },
      AwsCodeBuildProject: {
        Environment: {
          Image: 'aws/codebuild/standard:7.0',
          PrivilegedMode: false,
          EnvironmentVariables: [
            { Name: 'NPM_TOKEN', Type: 'PLAINTEXT', Value: 'npm_abc' },
            { Name: 'DB', Type: 'PARAMETER_STORE', Value: '/prod/db/password' },
          ],
        },
      },
    };

    // Act
    const { value, redacted } = redact(details);

    // Assert
    expect(value).toEqual({
      AwsLambdaFunction: {
        Handler: 'index.handler',
        Environment: { Variables: { STRIPE_KEY: REDACTED, REGION_NAME: REDACTED } },
      },
      AwsBatchJobDefinition: {
        ContainerProperties: { Environment: [{ Name: 'TOKEN', Value: REDACTED }] },
      },
      AwsCodeBuildProject: {
        Environment: {
          Image: 'aws/codebuild/standard:7.0',
          PrivilegedMode: false,
          EnvironmentVariables: [
            { Name: 'NPM_TOKEN', Type: 'PLAINTEXT', Value: REDACTED },
            { Name: 'DB', Type: 'PARAMETER_STORE', Value: REDACTED },
          ],
        },
      },
    });
    expect(redacted).toBe(5);
  });
});

describe('Function: redact (secret-looking keys)', () => {
  it('hides values under secret-looking keys at any depth and in any case, and keeps what only describes them', () => {
    // Arrange
    const details = {
      AwsRdsDbInstance: {
        MasterUsername: 'admin',
        masterUserPASSWORD: 'hunter2',
        MasterUserSecret: {
          SecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds-AbCdEf',
          KmsKeyId: 'alias/aws/secretsmanager',
          Value: 'should-not-be-here',
        },
      },
      Deep: {
        a: { b: [{ c: { client_secret: 's3cr3t', api_key: 12345, Authorization: 'Basic dXNlcjpwYXNz' } }] },
      },
      Credentials: {
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        SecretAccessKey: AWS_SECRET,
        SessionToken: 'FwoG…',
      },
      AccountPasswordPolicy: { MinimumPasswordLength: 14, PasswordLastUsed: '2026-01-01T00:00:00Z' },
      Tags: [
        { Key: 'db_password', Value: 'tag-leak' },
        { Key: 'team', Value: 'payments' },
      ],
      Parameters: [{ ParameterKey: 'AdminPassword', ParameterValue: 'cfn-leak' }],
    };

    // Act
    const { value, redacted } = redact(details);

    // Assert
    expect(value).toEqual({
      AwsRdsDbInstance: {
        MasterUsername: 'admin',
        masterUserPASSWORD: REDACTED,
        MasterUserSecret: {
          SecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds-AbCdEf',
          KmsKeyId: 'alias/aws/secretsmanager',
          Value: REDACTED,
        },
      },
      Deep: { a: { b: [{ c: { client_secret: REDACTED, api_key: REDACTED, Authorization: REDACTED } }] } },
      Credentials: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: REDACTED, SessionToken: REDACTED },
      AccountPasswordPolicy: { MinimumPasswordLength: 14, PasswordLastUsed: '2026-01-01T00:00:00Z' },
      Tags: [
        { Key: 'db_password', Value: REDACTED },
        { Key: 'team', Value: 'payments' },
      ],
      Parameters: [{ ParameterKey: 'AdminPassword', ParameterValue: REDACTED }],
    });
    expect(redacted).toBe(9);
  });

  it('keeps the details of a resource whose name merely contains a secret word', () => {
    // Arrange
    const details = {
      AwsS3Bucket: { Name: 'prod-secrets-archive', CreationDate: '2026-01-01', Owner: 'payments' },
      ContainerDefinitions: [{ Name: 'token-service', Image: 'orders:1.4.2', Cpu: 256 }],
      AwsSecretsManagerSecret: {
        Name: 'prod/orders/db',
        Description: 'Database credentials of the orders service',
        RotationRules: { AutomaticallyAfterDays: 30 },
      },
    };

    // Act / Assert
    expect(redact(details)).toEqual({ value: details, redacted: 0 });
  });

  it.each([
    ['DB_PASSWORD', true],
    ['github-token', true],
    ['ApiKey', true],
    ['PrivateKey', true],
    ['ConnectionString', true],
    ['UserData', true],
    ['SecretArn', false],
    ['TokenType', false],
    ['secretsmanager', false],
    ['Image', false],
  ])('takes %s for a secret: %s', (key, expected) => {
    expect(looksSecret(key)).toBe(expected);
  });
});

describe('Function: redact (text)', () => {
  it.each([
    ['aws_secret_access_key = ' + AWS_SECRET, 'aws_secret_access_key = [redacted]'],
    ['AWS_KEY: ' + AWS_SECRET, 'AWS_KEY: [redacted]'],
    [
      'DATABASE_URL=postgres://app:hunter2@db:5432/orders',
      'DATABASE_URL=postgres://app:[redacted]@db:5432/orders',
    ],
    ['Authorization: Bearer eyJhbGciOi.abc', 'Authorization: [redacted]'],
    ['{"password":"p\\"w","user":"bob"}', '{"password":"[redacted]","user":"bob"}'],
    ["client_secret='x y z'", "client_secret='[redacted]'"],
    ['Name=DB_PASSWORD,Value=hunter3', 'Name=DB_PASSWORD,Value=[redacted]'],
    ['{"Name":"API_TOKEN","Value":"zzz"}', '{"Name":"API_TOKEN","Value":"[redacted]"}'],
    ['https://example.com/reset?token=abc&lang=en', 'https://example.com/reset?token=[redacted]&lang=en'],
    ['token ghp_' + 'a'.repeat(36) + ' used', 'token [redacted] used'],
    ['slack xoxb-1234567890-abcdef', 'slack [redacted]'],
  ])('hides the secret in %j', (text, expected) => {
    expect(redact(text)).toEqual({ value: expected, redacted: 1 });
  });

  it('hides a PEM private key block, and a cut one to the end of the text', () => {
    // Arrange
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    const cut = 'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA';

    // Act / Assert
    expect(redact(`before ${pem} after`)).toEqual({ value: `before ${REDACTED} after`, redacted: 1 });
    expect(redact(cut).value).toBe(`key: ${REDACTED}`);
  });

  it.each([
    'arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/db-AbCdEf',
    'Allow secretsmanager:GetSecretValue on the role',
    'AKIAIOSFODNN7EXAMPLE',
    'PasswordLastUsed: 2026-01-01',
    'Rotate the secret every 90 days.',
    'This control checks whether the password policy is strong.',
  ])('leaves %j as it is', (text) => {
    expect(redact(text)).toEqual({ value: text, redacted: 0 });
  });
});

describe('Function: redact (any value)', () => {
  it('never changes its input, and redacting twice counts nothing the second time', () => {
    // Arrange
    const input = { Environment: [{ Name: 'A', Value: 'b' }], note: 'password=x' };
    const copy = structuredClone(input);

    // Act
    const once = redact(input);
    const twice = redact(once.value);

    // Assert
    expect(input).toEqual(copy);
    expect(once.redacted).toBe(2);
    expect(twice).toEqual({ value: once.value, redacted: 0 });
  });

  it('copies errors, dates and cycles as JSON would, redacting what they say', () => {
    // Arrange
    const cyclic: Record<string, unknown> = { token: 'abc' };
    cyclic['self'] = cyclic;
    const error = new Error('login failed: password=hunter2');

    // Act
    const { value } = redact({ error, at: new Date(0), cyclic });

    // Assert
    expect(value).toEqual({
      error: { name: 'Error', message: `login failed: password=${REDACTED}` },
      at: '1970-01-01T00:00:00.000Z',
      cyclic: { token: REDACTED, self: '[circular]' },
    });
  });

  it('replaces nesting deeper than any resource detail instead of overflowing the stack', () => {
    // Arrange: an attacker-made finding nested 100,000 levels deep
    let deep: unknown = 'password=x';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];

    // Act
    const { value, redacted } = redact(deep);

    // Assert
    expect(JSON.stringify(value)).not.toContain('password=x');
    expect(redacted).toBe(1);
  });
});

describe('Function: redact (properties)', () => {
  it('never throws on any JSON, leaves its input unchanged, and redacting twice counts nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.string(), (json, text) => {
        // Arrange
        const input = { json, text, Environment: [{ Name: 'X', Value: text }] };
        const copy = structuredClone(input);

        // Act
        const once = redact(input);
        const twice = redact(once.value);

        // Assert
        expect(input).toEqual(copy);
        expect(twice.redacted).toBe(0);
        expect(twice.value).toEqual(once.value);
        const serialised = JSON.stringify(once.value);
        expect(JSON.stringify(JSON.parse(serialised))).toBe(serialised);
      }),
    );
  });
});
