import type { SeverityLabel } from '@soar/asff-schema';
import * as z from 'zod';

import type { SoarErrorContext } from '@soar/common';
import {
  basicAuth,
  buildUrl,
  createHttpClient,
  HttpError,
  parseBaseUrl,
  type HttpClient,
  ChannelConfigurationError,
} from '@soar/http';
import type { AdfDocument } from '@soar/messages';
import type { CredentialSource, JiraCredentials } from '@soar/http/secrets';
import {
  InvalidTicketIdError,
  InvalidTicketRequestError,
  TicketNotFoundError,
  TicketTransitionError,
} from './errors';
import { describeError, findingDigest, truncateChars, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import {
  requestContext,
  type CloseTicketRequest,
  type OpenedTicket,
  type OpenTicketRequest,
  type TicketSystem,
} from './types';

/** Format of Jira issue keys accepted by {@link JiraTicketSystem}: `PROJECT-123`. */
export const JIRA_ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,30}-[1-9][0-9]{0,9}$/u;
/** Format of Jira project keys accepted in open requests. */
export const JIRA_PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,30}$/u;
/** Default Jira priority names for INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL. */
export const DEFAULT_JIRA_PRIORITIES = ['Lowest', 'Low', 'Medium', 'High', 'Highest'] as const;
/** Prefix of the label that marks the issue of one finding (for de-duplication). */
export const JIRA_FINDING_LABEL_PREFIX = 'soar-finding-';

const SEVERITY_INDEX: Readonly<Record<SeverityLabel, number>> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 2,
  HIGH: 3,
  CRITICAL: 4,
};
const SUMMARY_MAX_CHARS = 255;
const LABEL_MAX_CHARS = 255;

/**
 * Whether `id` is a Jira issue key SOAR accepts (`^[A-Z][A-Z0-9_]{0,30}-[1-9][0-9]{0,9}$`). Rejects
 * everything that could alter a request URL: `/`, `..`, `?`, `#`, `:`, whitespace, CR/LF.
 *
 * @example
 * ```ts
 * isJiraIssueKey('SEC-42'); // true
 * isJiraIssueKey('SEC-1/../../admin'); // false
 * ```
 */
export function isJiraIssueKey(id: unknown): id is string {
  return typeof id === 'string' && JIRA_ISSUE_KEY_PATTERN.test(id);
}

/**
 * The de-duplication label of a finding's issue: `soar-finding-` + 32 hex digits of SHA-256 of the
 * finding id (labels cannot hold the `:` and `/` of finding ARNs).
 *
 * @example
 * ```ts
 * jiraFindingLabel('arn:aws:securityhub:...:finding/abc'); // 'soar-finding-3f1c…'
 * ```
 */
export function jiraFindingLabel(findingId: string): string {
  return `${JIRA_FINDING_LABEL_PREFIX}${findingDigest(findingId).slice(0, 32)}`;
}

/** A one-paragraph ADF document. */
function adfText(text: string): AdfDocument {
  return { version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Labels as Jira accepts them: no whitespace, non-empty, at most 255 characters, unique. */
function cleanLabels(labels: readonly string[]): string[] {
  const cleaned = labels
    .map((label) => truncateChars(label.trim().replace(/\s+/gu, '-'), LABEL_MAX_CHARS))
    .filter((label) => label !== '');
  return [...new Set(cleaned)];
}

const IssueKeySchema = z.lazy(() => z.string().regex(JIRA_ISSUE_KEY_PATTERN, 'is not a Jira issue key'));
const SearchResponseSchema = z.lazy(() =>
  z.object({
    issues: z.array(z.object({ key: z.string() })).default([]),
  }),
);
const CreateResponseSchema = z.lazy(() => z.object({ id: z.string().optional(), key: IssueKeySchema }));
const TransitionsResponseSchema = z.lazy(() =>
  z.object({
    transitions: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          to: z
            .object({
              name: z.string().optional(),
              statusCategory: z.object({ key: z.string().optional() }).optional(),
            })
            .optional(),
        }),
      )
      .default([]),
  }),
);
type Transition = z.infer<typeof TransitionsResponseSchema>['transitions'][number];
const IssueStatusSchema = z.lazy(() =>
  z.object({
    fields: z.object({
      status: z.object({
        name: z.string().optional(),
        statusCategory: z.object({ key: z.string().optional() }).optional(),
      }),
    }),
  }),
);

/** Options of {@link JiraTicketSystem}. */
export interface JiraTicketSystemOptions {
  /** Site URL, email and API token (e.g. from Secrets Manager); read on each call, lazily. */
  readonly credentials: CredentialSource<JiraCredentials>;
  /** Issue type name, e.g. `Task` or `Bug`. */
  readonly issueType: string;
  /** Priority names for INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL. Default {@link DEFAULT_JIRA_PRIORITIES}. */
  readonly priorities?: readonly string[];
  /**
   * Transitions tried in order right after creation until one is available (matched
   * case-insensitively against the transition name or its target status). Default: none.
   */
  readonly initialTransitions?: readonly string[];
  /** Transitions that close an issue, tried in order (transition or status name). Default `['Done']`. */
  readonly finalTransitions?: readonly string[];
  /** Labels added to every issue besides the finding label. Default `['soar']`. */
  readonly labels?: readonly string[];
  /** Search for an open issue with the finding's label before creating one. Default `true`. */
  readonly deduplicate?: boolean;
  /** Accept an `http:` base URL. For tests against local servers only. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  /** Default: {@link createHttpClient} with its defaults. */
  readonly http?: HttpClient;
  readonly logger?: SoarLogger;
}

/**
 * Jira Cloud (REST API v3) as a {@link TicketSystem}.
 *
 * - `open`: searches (`POST /rest/api/3/search/jql`) for an unresolved issue of the project carrying
 *   the finding's label and returns it if found (a retry after a timeout makes no duplicate);
 *   otherwise creates one (`POST /rest/api/3/issue`: project, issue type, summary, ADF description,
 *   priority by severity, labels), applies the first available initial transition and comments.
 *   Transition and comment failures after creation are logged, not thrown.
 * - `close`: validates the key, applies the first available final transition and comments; an issue
 *   already in a done status counts as closed. Issues are never deleted.
 * - Every URL is built from the configured `baseUrl` (https only) and the validated issue key.
 *
 * @example
 * ```ts
 * const jira = new JiraTicketSystem({
 *   credentials: secretCredentials(secrets, 'soar/jira', JiraCredentialsSchema),
 *   issueType: 'Task',
 *   priorities: ['Lowest', 'Low', 'Medium', 'High', 'Highest'],
 *   initialTransitions: ['To Do', 'Open'],
 *   finalTransitions: ['Done'],
 * });
 * const { ticketId, url } = await jira.open({ findingId, severity: 'HIGH', project: 'SEC', message });
 * await jira.close(ticketId, { findingId });
 * ```
 */
export class JiraTicketSystem implements TicketSystem {
  public readonly name = 'jira';
  readonly #options: JiraTicketSystemOptions;
  readonly #priorities: readonly string[];
  readonly #http: HttpClient;
  readonly #logger: SoarLogger;

  public constructor(options: JiraTicketSystemOptions) {
    const priorities = options.priorities ?? DEFAULT_JIRA_PRIORITIES;
    if (priorities.length !== 5 || priorities.some((name) => name.trim() === '')) {
      throw new ChannelConfigurationError(
        'priorities',
        'must list 5 non-empty names (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)',
        'jira',
      );
    }
    if (options.issueType.trim() === '') {
      throw new ChannelConfigurationError('issueType', 'must not be empty', 'jira');
    }
    if ((options.finalTransitions ?? ['Done']).length === 0) {
      throw new ChannelConfigurationError('finalTransitions', 'must name at least one transition', 'jira');
    }
    this.#options = options;
    this.#priorities = priorities;
    this.#http = options.http ?? createHttpClient();
    this.#logger = options.logger ?? SILENT_LOGGER;
  }

  /** {@inheritDoc TicketSystem.isValidTicketId} */
  public isValidTicketId(id: string): boolean {
    return isJiraIssueKey(id);
  }

  /** {@inheritDoc TicketSystem.open} */
  public async open(request: OpenTicketRequest): Promise<OpenedTicket> {
    const context = requestContext(this.name, request);
    if (!JIRA_PROJECT_KEY_PATTERN.test(request.project)) {
      throw new InvalidTicketRequestError('project', 'is not a Jira project key', context);
    }
    const { base, auth } = await this.#connection();
    const label = jiraFindingLabel(request.findingId);

    if (this.#options.deduplicate !== false) {
      const found = await this.#http.requestJson(
        {
          method: 'POST',
          url: buildUrl(base, ['rest', 'api', '3', 'search', 'jql']),
          headers: auth,
          json: {
            // Both values are validated above: the key by pattern, the label is hex.
            jql: `project = "${request.project}" AND labels = "${label}" AND statusCategory != Done ORDER BY created ASC`,
            fields: ['status'],
            maxResults: 1,
          },
          idempotent: true,
          context,
        },
        SearchResponseSchema,
      );
      const existing = found.issues.map((issue) => issue.key).find(isJiraIssueKey);
      if (existing !== undefined) {
        this.#logger.info('jira: open issue for this finding already exists; reusing it', {
          ticketId: existing,
          findingId: request.findingId,
        });
        return { ticketId: existing, url: this.#browseUrl(base, existing), reused: true };
      }
    }

    const created = await this.#http.requestJson(
      {
        method: 'POST',
        url: buildUrl(base, ['rest', 'api', '3', 'issue']),
        headers: auth,
        json: {
          fields: {
            project: { key: request.project },
            issuetype: { name: this.#options.issueType },
            summary: truncateChars(request.message.jira.summary, SUMMARY_MAX_CHARS),
            description: request.message.jira.description,
            priority: { name: this.#priorityFor(request.severity) },
            labels: cleanLabels([...(this.#options.labels ?? ['soar']), ...(request.labels ?? []), label]),
          },
        },
        context,
      },
      CreateResponseSchema,
    );
    const key = created.key;
    const issueContext = { ...context, ticketId: key };

    const initial = this.#options.initialTransitions ?? [];
    if (initial.length > 0) {
      try {
        const transition = await this.#findTransition(base, auth, key, initial, issueContext);
        if (transition === undefined) {
          this.#logger.warn('jira: no initial transition available', { ticketId: key, wanted: initial });
        } else {
          await this.#transition(base, auth, key, transition, issueContext);
        }
      } catch (error) {
        this.#logger.warn('jira: initial transition failed', { ticketId: key, error: describeError(error) });
      }
    }
    await this.#comment(
      base,
      auth,
      key,
      `Ticket opened automatically by SOAR for security finding ${request.findingId}.`,
      issueContext,
    );
    return { ticketId: key, url: this.#browseUrl(base, key) };
  }

  /** {@inheritDoc TicketSystem.close} */
  public async close(ticketId: string, request: CloseTicketRequest): Promise<void> {
    const context = requestContext(this.name, request);
    if (!isJiraIssueKey(ticketId)) throw new InvalidTicketIdError(ticketId, this.name, context);
    const issueContext = { ...context, ticketId };
    const { base, auth } = await this.#connection();
    const wanted = this.#options.finalTransitions ?? ['Done'];

    let transitions: readonly Transition[];
    try {
      transitions = await this.#transitions(base, auth, ticketId, issueContext);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw new TicketNotFoundError(ticketId, this.name, context, error);
      }
      throw error;
    }
    const transition = pickTransition(transitions, wanted);
    if (transition === undefined) {
      if (await this.#isDone(base, auth, ticketId, issueContext)) {
        this.#logger.info('jira: issue is already done', { ticketId });
        return;
      }
      throw new TicketTransitionError(
        ticketId,
        wanted,
        transitions.map((t) => t.name),
        context,
      );
    }
    await this.#transition(base, auth, ticketId, transition, issueContext);
    const resolution = request.resolution ?? 'the finding is resolved.';
    await this.#comment(
      base,
      auth,
      ticketId,
      `Ticket closed automatically by SOAR: ${resolution}`,
      issueContext,
    );
  }

  async #connection(): Promise<{ base: URL; auth: Record<string, string> }> {
    const credentials = await this.#options.credentials();
    const base = parseBaseUrl(credentials.baseUrl, {
      name: 'jira.baseUrl',
      allowInsecureHttp: this.#options.allowInsecureHttp,
    });
    return { base, auth: { authorization: basicAuth(credentials.email, credentials.apiToken) } };
  }

  #browseUrl(base: URL, key: string): string {
    return buildUrl(base, ['browse', key]).toString();
  }

  #priorityFor(severity: SeverityLabel): string {
    return this.#priorities[SEVERITY_INDEX[severity]] ?? 'Medium';
  }

  async #transitions(
    base: URL,
    auth: Record<string, string>,
    key: string,
    context: SoarErrorContext,
  ): Promise<readonly Transition[]> {
    const response = await this.#http.requestJson(
      {
        method: 'GET',
        url: buildUrl(base, ['rest', 'api', '3', 'issue', key, 'transitions']),
        headers: auth,
        context,
      },
      TransitionsResponseSchema,
    );
    return response.transitions;
  }

  async #findTransition(
    base: URL,
    auth: Record<string, string>,
    key: string,
    wanted: readonly string[],
    context: SoarErrorContext,
  ): Promise<Transition | undefined> {
    return pickTransition(await this.#transitions(base, auth, key, context), wanted);
  }

  async #transition(
    base: URL,
    auth: Record<string, string>,
    key: string,
    transition: Transition,
    context: SoarErrorContext,
  ): Promise<void> {
    await this.#http.request({
      method: 'POST',
      url: buildUrl(base, ['rest', 'api', '3', 'issue', key, 'transitions']),
      headers: auth,
      json: { transition: { id: transition.id } },
      context,
    });
  }

  async #isDone(
    base: URL,
    auth: Record<string, string>,
    key: string,
    context: SoarErrorContext,
  ): Promise<boolean> {
    const issue = await this.#http.requestJson(
      {
        method: 'GET',
        url: buildUrl(base, ['rest', 'api', '3', 'issue', key], { fields: 'status' }),
        headers: auth,
        context,
      },
      IssueStatusSchema,
    );
    return issue.fields.status.statusCategory?.key === 'done';
  }

  async #comment(
    base: URL,
    auth: Record<string, string>,
    key: string,
    text: string,
    context: SoarErrorContext,
  ): Promise<void> {
    try {
      await this.#http.request({
        method: 'POST',
        url: buildUrl(base, ['rest', 'api', '3', 'issue', key, 'comment']),
        headers: auth,
        json: { body: adfText(text) },
        context,
      });
    } catch (error) {
      this.#logger.warn('jira: adding a comment failed', { ticketId: key, error: describeError(error) });
    }
  }
}

function pickTransition(
  transitions: readonly Transition[],
  wanted: readonly string[],
): Transition | undefined {
  for (const name of wanted) {
    const needle = name.trim().toLowerCase();
    const match = transitions.find(
      (t) => t.name.toLowerCase() === needle || t.to?.name?.toLowerCase() === needle,
    );
    if (match !== undefined) return match;
  }
  return undefined;
}
