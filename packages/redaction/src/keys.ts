/**
 * Words that make a key (or a variable name) look like it holds a secret, compared with the key
 * lower-cased and stripped of everything but letters and digits (`DB_PASSWORD` → `dbpassword`).
 * `userdata` is here because EC2 user data scripts routinely carry passwords and tokens.
 */
const SECRET_WORDS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'privatekey',
  'authorization',
  'connectionstring',
  'userdata',
] as const;

/**
 * Endings that make a secret-looking key name something *about* a secret rather than the secret:
 * `SecretArn`, `KmsKeyId`, `PasswordLastUsed`, `MinimumPasswordLength`, `TokenType`, `SecretName`.
 * Values under such keys stay readable, because the team needs them to find and fix the resource.
 */
const DESCRIBING_ENDINGS = [
  'name',
  'names',
  'arn',
  'arns',
  'id',
  'ids',
  'type',
  'status',
  'enabled',
  'required',
  'length',
  'age',
  'lastused',
  'date',
  'version',
  'count',
  'expiration',
  'policy',
] as const;

/**
 * Keys that name a service or a resource type, not a secret: `secretsmanager` is the IAM prefix and
 * ARN service of AWS Secrets Manager, and `AwsSecretsManagerSecret` the ASFF details of a secret's
 * metadata (name, rotation, KMS key; never its value), which the Secrets Manager controls are about.
 */
const SERVICE_NAMES: ReadonlySet<string> = new Set(['secretsmanager', 'awssecretsmanagersecret']);

/** A key lower-cased with everything but letters and digits removed: `DB_PASSWORD` → `dbpassword`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether a normalised key names something about a secret (its ARN, id, type, age…), not the secret. */
export function isDescribingKey(normalized: string): boolean {
  return DESCRIBING_ENDINGS.some((ending) => normalized.endsWith(ending));
}

/**
 * Whether a key, or a variable name, looks like it holds a secret: it contains one of the secret
 * words and does not merely describe one (see {@link isDescribingKey}).
 *
 * @example
 * ```ts
 * looksSecret('DB_PASSWORD'); // true
 * looksSecret('SecretArn');   // false
 * looksSecret('Image');       // false
 * ```
 */
export function looksSecret(key: string): boolean {
  const normalized = normalizeKey(key);
  if (SERVICE_NAMES.has(normalized) || isDescribingKey(normalized)) return false;
  return SECRET_WORDS.some((word) => normalized.includes(word));
}

/** The secret words as a regular-expression alternation over raw text (`api_key`, `private-key`…). */
export const SECRET_WORD_PATTERN =
  'password|passwd|passphrase|pwd|secret|token|api[_-]?key|credential|private[_-]?key|authorization|connection[_-]?string';
