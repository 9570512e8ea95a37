import type { SeverityLabel } from '@soar/asff-schema';
import * as z from 'zod';

import type { TicketDestination } from './types';
import {
  basicAuth,
  buildUrl,
  createHttpClient,
  hasControlCharacters,
  HttpError,
  parseBaseUrl,
  type HttpClient,
  ChannelConfigurationError,
} from '@soar/http';
import type { CredentialSource, ServiceNowCredentials } from '@soar/http/secrets';
import { InvalidTicketIdError, InvalidTicketRequestError, TicketNotFoundError } from './errors';
import { findingDigest, truncateChars, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import {
  requestContext,
  type CloseTicketRequest,
  type OpenedTicket,
  type OpenTicketRequest,
  type TicketSystem,
} from './types';

/** Format of ServiceNow record ids (`sys_id`): 32 lower-case hex digits. */
export const SERVICE_NOW_SYS_ID_PATTERN = /^[0-9a-f]{32}$/u;
const TABLE_PATTERN = /^[a-z][a-z0-9_]{0,79}$/u;
/** ServiceNow's 1-3 scale (1 = high). */
export type ServiceNowLevel = 1 | 2 | 3;

/** Default urgency per severity (the original sent 0 for CRITICAL; ServiceNow uses 1-3). */
export const DEFAULT_SERVICE_NOW_URGENCY: Readonly<Record<SeverityLabel, ServiceNowLevel>> = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 3,
  LOW: 3,
  INFORMATIONAL: 3,
};
/** Default impact per destination (as the original: SOC 2, team 3). */
export const DEFAULT_SERVICE_NOW_IMPACT: Readonly<Record<TicketDestination, ServiceNowLevel>> = {
  SOC: 2,
  TEAM: 3,
};
const SHORT_DESCRIPTION_MAX_CHARS = 160;
/** Length of the out-of-the-box `correlation_id` field. */
export const SERVICE_NOW_CORRELATION_ID_MAX_CHARS = 100;

/**
 * Whether `id` is a ServiceNow `sys_id` (32 lower-case hex digits).
 *
 * @example
 * ```ts
 * isServiceNowSysId('6cf61b7d974261109055b08fe153af02'); // true
 * isServiceNowSysId('INC0010001,https://evil.example/x'); // false
 * ```
 */
export function isServiceNowSysId(id: unknown): id is string {
  return typeof id === 'string' && SERVICE_NOW_SYS_ID_PATTERN.test(id);
}

/**
 * The `correlation_id` written for a finding: the finding id itself when it fits the field
 * (`maxChars`, 100 out of the box) and is safe in an encoded query (`[A-Za-z0-9:/._-]`), else
 * `sha256:` + the hex SHA-256 of the finding id (71 characters). Never truncated: a cut id would
 * be shared by other findings and break the de-duplication lookup.
 *
 * @example
 * ```ts
 * serviceNowCorrelationId('arn:aws:guardduty:eu-west-1:111122223333:detector/d/finding/f'); // unchanged
 * serviceNowCorrelationId(controlFindingArnOf111Chars); // 'sha256:…'
 * ```
 */
export function serviceNowCorrelationId(
  findingId: string,
  maxChars: number = SERVICE_NOW_CORRELATION_ID_MAX_CHARS,
): string {
  return findingId.length <= maxChars && /^[A-Za-z0-9:/._-]+$/u.test(findingId)
    ? findingId
    : `sha256:${findingDigest(findingId)}`;
}

const RecordSchema = z.lazy(() =>
  z.object({
    sys_id: z.string().regex(SERVICE_NOW_SYS_ID_PATTERN, 'is not a sys_id'),
    number: z.string().optional(),
  }),
);
const CreateResponseSchema = z.lazy(() => z.object({ result: RecordSchema }));
const QueryResponseSchema = z.lazy(() => z.object({ result: z.array(RecordSchema).default([]) }));
const StateResponseSchema = z.lazy(() =>
  z.object({
    result: z.object({ state: z.string().optional(), active: z.string().optional() }),
  }),
);

/** Options of {@link ServiceNowTicketSystem}. */
export interface ServiceNowTicketSystemOptions {
  /** Instance URL, user and password (e.g. from Secrets Manager); read on each call, lazily. */
  readonly credentials: CredentialSource<ServiceNowCredentials>;
  /** Table of the records. Default `incident`. */
  readonly table?: string;
  /** `state` written on close. Default `6` (Resolved). */
  readonly closedState?: string;
  /** `close_code` written on close; `null` to send none. Default `Solution provided`. */
  readonly closeCode?: string | null;
  /** `category`. Default `Security`. */
  readonly category?: string;
  readonly subcategory?: string;
  /** `contact_type` (channel), if your instance wants one. */
  readonly contactType?: string;
  /** `location` (replaces the original's hard-coded "Sweden"). Not sent when absent. */
  readonly location?: string;
  /** `caller_id`. Default: the integration user name. */
  readonly callerId?: string;
  /** Urgency per severity, 1-3. Default {@link DEFAULT_SERVICE_NOW_URGENCY}. */
  readonly urgency?: Partial<Record<SeverityLabel, ServiceNowLevel>>;
  /** Impact per destination, 1-3. Default {@link DEFAULT_SERVICE_NOW_IMPACT}. */
  readonly impact?: Partial<Record<TicketDestination, ServiceNowLevel>>;
  /**
   * Length of the instance's `correlation_id` field. Finding ids longer than this (most Security Hub
   * ARNs exceed the default 100) are written as `sha256:<digest>`. Default 100.
   */
  readonly correlationIdMaxChars?: number;
  /** Look up an active record with the finding's `correlation_id` before creating. Default `true`. */
  readonly deduplicate?: boolean;
  /** Accept an `http:` instance URL. For tests against local servers only. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  readonly http?: HttpClient;
  readonly logger?: SoarLogger;
}

/**
 * ServiceNow (Table API) as a {@link TicketSystem}. Ticket id = the record's `sys_id`.
 *
 * - `open`: looks up an active record with the finding's `correlation_id`
 *   (`GET /api/now/table/{table}?sysparm_query=…`) and returns it if found; else
 *   `POST /api/now/table/{table}` with short_description, description, urgency and impact (1-3),
 *   assignment_group (the queue), correlation_id, caller_id, category and optional location.
 * - `close`: validates the `sys_id`, reads the record (404 → {@link TicketNotFoundError}; already in
 *   the closed state or inactive → done), then `PATCH /api/now/table/{table}/{sys_id}` with the
 *   closed state, close code and close notes.
 * - Every URL is built from the configured instance URL and the validated `sys_id`; no URL is ever
 *   taken from a ticket id, which anyone in a member account can set: the credentials would go to
 *   their host.
 *
 * @example
 * ```ts
 * const snow = new ServiceNowTicketSystem({
 *   credentials: secretCredentials(secrets, 'soar/servicenow', ServiceNowCredentialsSchema),
 *   location: 'Stockholm',
 * });
 * const { ticketId } = await snow.open({ findingId, severity: 'CRITICAL', project: 'Cloud Security', message });
 * await snow.close(ticketId, { findingId, resolution: 'Fixed by the team.' });
 * ```
 */
export class ServiceNowTicketSystem implements TicketSystem {
  public readonly name = 'servicenow';
  readonly #options: ServiceNowTicketSystemOptions;
  readonly #table: string;
  readonly #urgency: Readonly<Record<SeverityLabel, ServiceNowLevel>>;
  readonly #impact: Readonly<Record<TicketDestination, ServiceNowLevel>>;
  readonly #http: HttpClient;
  readonly #logger: SoarLogger;

  public constructor(options: ServiceNowTicketSystemOptions) {
    const table = options.table ?? 'incident';
    const correlationMax = options.correlationIdMaxChars ?? SERVICE_NOW_CORRELATION_ID_MAX_CHARS;
    if (!Number.isInteger(correlationMax) || correlationMax < 71) {
      throw new ChannelConfigurationError(
        'correlationIdMaxChars',
        'must be an integer of at least 71',
        'servicenow',
      );
    }
    if (!TABLE_PATTERN.test(table)) {
      throw new ChannelConfigurationError('table', 'must be a table name like "incident"', 'servicenow');
    }
    const urgency = { ...DEFAULT_SERVICE_NOW_URGENCY, ...options.urgency };
    const impact = { ...DEFAULT_SERVICE_NOW_IMPACT, ...options.impact };
    for (const [setting, values] of [
      ['urgency', urgency],
      ['impact', impact],
    ] as const) {
      if (Object.values(values).some((value) => value !== 1 && value !== 2 && value !== 3)) {
        throw new ChannelConfigurationError(setting, 'values must be 1, 2 or 3', 'servicenow');
      }
    }
    this.#options = options;
    this.#table = table;
    this.#urgency = urgency;
    this.#impact = impact;
    this.#http = options.http ?? createHttpClient();
    this.#logger = options.logger ?? SILENT_LOGGER;
  }

  /** {@inheritDoc TicketSystem.isValidTicketId} */
  public isValidTicketId(id: string): boolean {
    return isServiceNowSysId(id);
  }

  /** {@inheritDoc TicketSystem.open} */
  public async open(request: OpenTicketRequest): Promise<OpenedTicket> {
    const context = requestContext(this.name, request);
    const queue = request.project.trim();
    if (queue === '' || queue.length > 80 || hasControlCharacters(queue)) {
      throw new InvalidTicketRequestError('project', 'is not a usable ServiceNow assignment group', context);
    }
    const { base, auth, username } = await this.#connection();
    const correlationId = serviceNowCorrelationId(
      request.findingId,
      this.#options.correlationIdMaxChars ?? SERVICE_NOW_CORRELATION_ID_MAX_CHARS,
    );
    const tableUrl = (query: Record<string, string>): URL =>
      buildUrl(base, ['api', 'now', 'table', this.#table], query);

    if (this.#options.deduplicate !== false) {
      const found = await this.#http.requestJson(
        {
          method: 'GET',
          url: tableUrl({
            sysparm_query: `correlation_id=${correlationId}^active=true`,
            sysparm_fields: 'sys_id,number',
            sysparm_limit: '1',
          }),
          headers: auth,
          context,
        },
        QueryResponseSchema,
      );
      const existing = found.result[0];
      if (existing !== undefined) {
        this.#logger.info('servicenow: active record for this finding already exists; reusing it', {
          ticketId: existing.sys_id,
          findingId: request.findingId,
        });
        return { ticketId: existing.sys_id, url: this.#recordUrl(base, existing.sys_id), reused: true };
      }
    }

    const options = this.#options;
    const created = await this.#http.requestJson(
      {
        method: 'POST',
        url: tableUrl({ sysparm_fields: 'sys_id,number', sysparm_exclude_reference_link: 'true' }),
        headers: auth,
        json: {
          short_description: truncateChars(
            request.message.serviceNow.shortDescription,
            SHORT_DESCRIPTION_MAX_CHARS,
          ),
          description: request.message.serviceNow.description,
          urgency: String(this.#urgency[request.severity]),
          impact: String(this.#impact[request.destination ?? 'TEAM']),
          assignment_group: queue,
          correlation_id: correlationId,
          correlation_display: 'SOAR',
          caller_id: options.callerId ?? username,
          category: options.category ?? 'Security',
          ...(options.subcategory === undefined ? {} : { subcategory: options.subcategory }),
          ...(options.contactType === undefined ? {} : { contact_type: options.contactType }),
          ...(options.location === undefined ? {} : { location: options.location }),
        },
        context,
      },
      CreateResponseSchema,
    );
    return { ticketId: created.result.sys_id, url: this.#recordUrl(base, created.result.sys_id) };
  }

  /** {@inheritDoc TicketSystem.close} */
  public async close(ticketId: string, request: CloseTicketRequest): Promise<void> {
    const context = requestContext(this.name, request);
    if (!isServiceNowSysId(ticketId)) throw new InvalidTicketIdError(ticketId, this.name, context);
    const recordContext = { ...context, ticketId };
    const { base, auth } = await this.#connection();
    const recordUrl = (query: Record<string, string>): URL =>
      buildUrl(base, ['api', 'now', 'table', this.#table, ticketId], query);
    const closedState = this.#options.closedState ?? '6';

    let current: z.infer<typeof StateResponseSchema>;
    try {
      current = await this.#http.requestJson(
        {
          method: 'GET',
          url: recordUrl({ sysparm_fields: 'state,active' }),
          headers: auth,
          context: recordContext,
        },
        StateResponseSchema,
      );
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw new TicketNotFoundError(ticketId, this.name, context, error);
      }
      throw error;
    }
    if (current.result.state === closedState || current.result.active === 'false') {
      this.#logger.info('servicenow: record is already closed', { ticketId });
      return;
    }
    const closeCode = this.#options.closeCode === undefined ? 'Solution provided' : this.#options.closeCode;
    await this.#http.request({
      method: 'PATCH',
      url: recordUrl({ sysparm_fields: 'sys_id,state' }),
      headers: auth,
      json: {
        state: closedState,
        ...(closeCode === null ? {} : { close_code: closeCode }),
        close_notes: `Closed automatically by SOAR: ${request.resolution ?? 'the finding is resolved.'}`,
      },
      context: recordContext,
    });
  }

  async #connection(): Promise<{ base: URL; auth: Record<string, string>; username: string }> {
    const credentials = await this.#options.credentials();
    const base = parseBaseUrl(credentials.instanceUrl, {
      name: 'servicenow.instanceUrl',
      allowInsecureHttp: this.#options.allowInsecureHttp,
    });
    return {
      base,
      auth: { authorization: basicAuth(credentials.username, credentials.password) },
      username: credentials.username,
    };
  }

  #recordUrl(base: URL, sysId: string): string {
    return buildUrl(base, [`${this.#table}.do`], { sys_id: sysId }).toString();
  }
}
