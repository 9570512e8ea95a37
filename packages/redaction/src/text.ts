import { looksSecret, SECRET_WORD_PATTERN } from './keys';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** A text with its secrets replaced, and how many were replaced. */
export interface RedactedText {
  readonly text: string;
  readonly redacted: number;
}

/** One rule over free text: a global pattern and what a match becomes (`undefined`: left as it is). */
interface TextRule {
  readonly pattern: RegExp;
  readonly replace: (match: string, groups: readonly (string | undefined)[]) => string | undefined;
}

/** A quoted value (JSON-escaped or single-quoted) or an unquoted run up to a separator. */
const VALUE = String.raw`\[redacted\]|"(?:[^"\\]|\\.)*"|'[^']*'|(?:(?:Bearer|Basic|Digest|Token)\s+)?[^\s"'<>,;&)\]}]+`;

/** A label made of word characters, `.` and `-`, not glued to an ARN or a path before it. */
const LABEL_START = String.raw`(?<![A-Za-z0-9_.:/-])`;

/** Keeps the quotes of a quoted value and replaces what is between them. */
function replaceValue(value: string): string {
  const quote = value.startsWith('"') || value.startsWith("'") ? value.charAt(0) : '';
  return `${quote}${REDACTED}${quote}`;
}

/** Whether a value is already redacted (so redacting twice counts nothing the second time). */
function isRedacted(value: string): boolean {
  return value.replace(/^["']/, '').startsWith(REDACTED);
}

const RULES: readonly TextRule[] = [
  {
    // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED, PKCS#8…), to the end of the text when cut.
    pattern: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: () => REDACTED,
  },
  {
    // Tokens recognisable by their shape alone: GitHub, Slack, Google API keys, JSON web tokens.
    pattern: new RegExp(
      [
        String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}`,
        String.raw`\bgithub_pat_[A-Za-z0-9_]{22,}`,
        String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`,
        String.raw`\bAIza[0-9A-Za-z_-]{35}`,
        String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
      ].join('|'),
      'g',
    ),
    replace: () => REDACTED,
  },
  {
    // The password of a URL: `postgres://app:hunter2@db.internal:5432/orders`.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"<>]*:)([^\s@/'"<>]+)(@)/gi,
    replace: (_match, [before, password, at]) =>
      password === undefined || isRedacted(password) ? undefined : `${before}${REDACTED}${at}`,
  },
  {
    // A name/value pair written out: `Name=DB_PASSWORD,Value=…` or `{"Name":"DB_PASSWORD","Value":"…"}`.
    pattern: new RegExp(
      String.raw`\b((?:Name|Key)["']?\s*[:=]\s*["']?)([A-Za-z0-9_.-]+)(["']?\s*,\s*["']?Value["']?\s*[:=]\s*)(${VALUE})`,
      'gi',
    ),
    replace: (_match, [nameLabel, name, between, value]) =>
      name === undefined || value === undefined || !looksSecret(name) || isRedacted(value)
        ? undefined
        : `${nameLabel}${name}${between}${replaceValue(value)}`,
  },
  {
    // `password=…`, `"client_secret": "…"`, `Authorization: Bearer …`, `api-key: …`.
    pattern: new RegExp(
      String.raw`${LABEL_START}([A-Za-z0-9_.-]*(?:${SECRET_WORD_PATTERN})[A-Za-z0-9_.-]*)(["']?\s*(?:=>|[:=])\s*)(${VALUE})`,
      'gi',
    ),
    replace: (_match, [label, separator, value]) =>
      label === undefined || value === undefined || !looksSecret(label) || isRedacted(value)
        ? undefined
        : `${label}${separator}${replaceValue(value)}`,
  },
  {
    // An AWS secret access key (40 base64 characters) after any key-like label: `AWS_KEY=…`.
    pattern: new RegExp(
      String.raw`${LABEL_START}([A-Za-z0-9_.-]*key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    replace: (_match, [label]) => (label === undefined ? undefined : `${label}${REDACTED}`),
  },
];

/**
 * Replaces the secrets a free text may hold: PEM private keys, well-known token shapes, URL
 * passwords, values after secret-looking labels (`password=`, `"token": "…"`, `Authorization: …`),
 * `Name=DB_PASSWORD,Value=…` pairs, and AWS secret access keys after a key-like label. AWS access key
 * ids (`AKIA…`) stay: they name a key, and the team needs them to find it.
 *
 * @example
 * ```ts
 * redactText('DATABASE_URL=postgres://app:hunter2@db:5432/orders');
 * // { text: 'DATABASE_URL=postgres://app:[redacted]@db:5432/orders', redacted: 1 }
 * ```
 */
export function redactText(text: string): RedactedText {
  let redacted = 0;
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.filter((part): part is string | undefined => typeof part !== 'number');
      const replacement = rule.replace(match, groups);
      if (replacement === undefined || replacement === match) return match;
      redacted += 1;
      return replacement;
    });
  }
  return { text: out, redacted };
}
