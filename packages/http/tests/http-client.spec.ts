import { createServer } from 'node:net';

import * as z from 'zod';

import {
  buildUrl,
  createHttpClient,
  HttpError,
  parseBaseUrl,
  parseRetryAfter,
  parseWebhookUrl,
  redactUrl,
  UnsafeUrlError,
} from '../src';
import { OutboundError } from '../src/errors';
import { instantSleep, startTestServer, type TestServer } from '@soar/testing';

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Attempt timeouts the test fires itself: each attempt asks for a signal (the asked durations are
 * kept), and `fire` aborts the pending ones as a real timeout would. No test waits for a clock.
 */
function manualTimeouts(): {
  timeoutSignal: (ms: number) => AbortSignal;
  asked: number[];
  fire: () => void;
} {
  const asked: number[] = [];
  const pending: AbortController[] = [];
  return {
    asked,
    timeoutSignal: (ms) => {
      asked.push(ms);
      const controller = new AbortController();
      pending.push(controller);
      return controller.signal;
    },
    fire: () => {
      for (const controller of pending.splice(0)) {
        controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      }
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('http client against a local server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends method, headers and JSON body, and returns the accepted response', async () => {
    server.on('POST', '/things', { status: 201, body: { id: 'x1' } });
    const http = createHttpClient();
    const response = await http.request({
      method: 'POST',
      url: `${server.url}/things`,
      headers: { authorization: 'Bearer t0k3n' },
      json: { name: 'a' },
    });
    expect(response).toMatchObject({ status: 201, attempts: 1 });
    expect(JSON.parse(response.body)).toEqual({ id: 'x1' });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['authorization']).toBe('Bearer t0k3n');
    expect(request?.headers['user-agent']).toBe('soar-ticketing');
    expect(request?.json()).toEqual({ name: 'a' });
  });

  it('retries a 500 and succeeds on the second attempt (2 requests)', async () => {
    server.on('GET', '/flaky', { status: 500, body: 'oops' }, { status: 200, body: { ok: true } });
    const { sleep, delays } = instantSleep();
    const events: unknown[] = [];
    const http = createHttpClient({ sleep, random: () => 0.5, onRetry: (e) => events.push(e) });
    const response = await http.request({ method: 'GET', url: `${server.url}/flaky` });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(events).toEqual([
      expect.objectContaining({ attempt: 1, reason: 'status', status: 500, method: 'GET' }),
    ]);
  });

  it('fails with HttpError after N attempts on a permanent 500, with exponential backoff', async () => {
    server.on('GET', '/down', { status: 500, body: { message: 'internal error' } });
    const { sleep, delays } = instantSleep();
    const http = createHttpClient({ sleep, random: () => 1, maxAttempts: 4, baseDelayMs: 100 });
    const error = await failure(http.request({ method: 'GET', url: `${server.url}/down` }));
    expect(error).toBeInstanceOf(OutboundError);
    expect(error).toMatchObject({
      reason: 'status',
      status: 500,
      attempts: 4,
      method: 'GET',
      transient: true,
    });
    expect(error.bodyExcerpt).toBe('{"message":"internal error"}');
    expect(error.message).toContain('HTTP 500 after 4 attempts');
    expect(server.requests).toHaveLength(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  it('times out a server that never answers, after the configured timeout', async () => {
    // The server holds the request; the attempt's timeout fires once the request has arrived.
    const timeouts = manualTimeouts();
    server.on('GET', '/hang', () => {
      timeouts.fire();
      return 'hang';
    });
    const http = createHttpClient({ timeoutMs: 200, maxAttempts: 1, timeoutSignal: timeouts.timeoutSignal });
    const error = await failure(http.request({ method: 'GET', url: `${server.url}/hang` }));
    expect(error).toMatchObject({ reason: 'timeout', attempts: 1, status: undefined });
    expect(error.message).toContain('timed out after 200 ms');
    expect(timeouts.asked).toEqual([200]);
  });

  it('arms the real timeout with the configured duration by default', async () => {
    // Without an injected signal the client uses AbortSignal.timeout; spying on it checks the
    // duration without waiting for it.
    const made: number[] = [];
    const real = AbortSignal.timeout.bind(AbortSignal);
    jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
      made.push(ms);
      return real(60_000);
    });
    server.on('GET', '/fast', { status: 200, body: 'ok' });
    const http = createHttpClient({ timeoutMs: 1_234 });
    await http.request({ method: 'GET', url: `${server.url}/fast` });
    await http.request({ method: 'GET', url: `${server.url}/fast`, timeoutMs: 42 });
    expect(made).toEqual([1_234, 42]);
  });

  it('retries timeouts of idempotent requests', async () => {
    const timeouts = manualTimeouts();
    server.on(
      'GET',
      '/slow',
      () => {
        timeouts.fire();
        return 'hang';
      },
      { status: 200, body: 'ok' },
    );
    const { sleep } = instantSleep();
    const http = createHttpClient({ timeoutMs: 150, sleep, timeoutSignal: timeouts.timeoutSignal });
    const response = await http.request({ method: 'GET', url: `${server.url}/slow` });
    expect(response.body).toBe('ok');
    expect(server.requests).toHaveLength(2);
    expect(timeouts.asked).toEqual([150, 150]);
  });

  it('honours Retry-After on 429 (seconds), capped by maxRetryAfterMs', async () => {
    server.on(
      'GET',
      '/limited',
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after': '3600' } },
      { status: 200, body: 'ok' },
    );
    const { sleep, delays } = instantSleep();
    const http = createHttpClient({ sleep, maxRetryAfterMs: 5_000 });
    const response = await http.request({ method: 'GET', url: `${server.url}/limited` });
    expect(response.status).toBe(200);
    expect(delays).toEqual([2_000, 5_000]);
    expect(server.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a %i', async (status) => {
    server.on('GET', '/client-error', { status, body: { errorMessages: ['nope'] } });
    const { sleep, delays } = instantSleep();
    const http = createHttpClient({ sleep });
    const error = await failure(http.request({ method: 'GET', url: `${server.url}/client-error` }));
    expect(error).toMatchObject({ status, attempts: 1, transient: false });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not retry a non-idempotent POST on 500 or timeout, but does on 429', async () => {
    const timeouts = manualTimeouts();
    server.on('POST', '/create', { status: 500 });
    server.on('POST', '/create-slow', () => {
      timeouts.fire();
      return 'hang';
    });
    server.on('POST', '/create-limited', { status: 429 }, { status: 201, body: { id: 1 } });
    const { sleep } = instantSleep();
    const http = createHttpClient({ sleep, timeoutMs: 150, timeoutSignal: timeouts.timeoutSignal });
    await expect(
      http.request({ method: 'POST', url: `${server.url}/create`, json: {} }),
    ).rejects.toMatchObject({
      status: 500,
      attempts: 1,
    });
    await expect(
      http.request({ method: 'POST', url: `${server.url}/create-slow`, json: {} }),
    ).rejects.toMatchObject({ reason: 'timeout', attempts: 1 });
    const ok = await http.request({ method: 'POST', url: `${server.url}/create-limited`, json: {} });
    expect(ok.attempts).toBe(2);
    expect(server.requestsTo('POST', '/create')).toHaveLength(1);
    expect(server.requestsTo('POST', '/create-slow')).toHaveLength(1);
    expect(server.requestsTo('POST', '/create-limited')).toHaveLength(2);
  });

  it('does not follow redirects (a 302 is an error)', async () => {
    server.on('GET', '/moved', { status: 302, headers: { location: 'https://evil.example/steal' } });
    const http = createHttpClient();
    const error = await failure(http.request({ method: 'GET', url: `${server.url}/moved` }));
    expect(error.status).toBe(302);
    expect(server.requests).toHaveLength(1);
  });

  it('never puts the Authorization header or query secrets into errors', async () => {
    server.on('GET', '/secret', { status: 403, body: 'forbidden' });
    const http = createHttpClient();
    const error = await failure(
      http.request({
        method: 'GET',
        url: `${server.url}/secret?code=s3cr3t-query&api-version=2023-01-01`,
        headers: { authorization: 'Basic c2VjcmV0LXRva2Vu' },
      }),
    );
    expect(error.url).toBe(`${server.url}/secret?code=***&api-version=2023-01-01`);
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(everything).not.toContain('s3cr3t-query');
    expect(everything).not.toContain('c2VjcmV0LXRva2Vu');
    expect(everything.toLowerCase()).not.toContain('authorization');
  });

  it('hides the path of webhook URLs with redactPath', async () => {
    server.on('POST', '/services/T000/B000/XXXXSECRET', { status: 404, body: 'no_service' });
    const http = createHttpClient();
    const error = await failure(
      http.request({
        method: 'POST',
        url: `${server.url}/services/T000/B000/XXXXSECRET`,
        json: {},
        redactPath: true,
      }),
    );
    expect(error.url).toBe(`${server.url}/…`);
    expect(error.message).not.toContain('XXXXSECRET');
  });

  it('parses JSON bodies with a schema and reports an invalid body as invalid-response', async () => {
    server.on('GET', '/good', { status: 200, body: { key: 'SEC-1' } });
    server.on('GET', '/bad', { status: 200, body: { key: 42 } });
    server.on('GET', '/not-json', { status: 200, body: '<html>' });
    server.on('GET', '/empty', { status: 204 });
    const http = createHttpClient();
    const schema = z.object({ key: z.string() });
    await expect(http.requestJson({ method: 'GET', url: `${server.url}/good` }, schema)).resolves.toEqual({
      key: 'SEC-1',
    });
    await expect(http.requestJson({ method: 'GET', url: `${server.url}/bad` }, schema)).rejects.toMatchObject(
      {
        reason: 'invalid-response',
        status: 200,
      },
    );
    await expect(
      http.requestJson({ method: 'GET', url: `${server.url}/not-json` }, schema),
    ).rejects.toMatchObject({ reason: 'invalid-response', message: expect.stringContaining('not JSON') });
    await expect(
      http.requestJson({ method: 'GET', url: `${server.url}/empty` }, z.undefined()),
    ).resolves.toBe(undefined);
  });

  it('stops when the caller aborts', async () => {
    // The caller gives up once the server holds the request; the attempt's own timeout never fires.
    const controller = new AbortController();
    server.on('GET', '/hang', () => {
      controller.abort();
      return 'hang';
    });
    const timeouts = manualTimeouts();
    const http = createHttpClient({ timeoutMs: 5_000, timeoutSignal: timeouts.timeoutSignal });
    const error = await failure(
      http.request({ method: 'GET', url: `${server.url}/hang`, signal: controller.signal }),
    );
    expect(error.reason).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });

  it('attaches the error context', async () => {
    server.on('GET', '/ctx', { status: 404 });
    const http = createHttpClient();
    const error = await failure(
      http.request({
        method: 'GET',
        url: `${server.url}/ctx`,
        context: { channel: 'jira', findingId: 'f-1', ticketId: 'SEC-1' },
      }),
    );
    expect(error).toMatchObject({ channel: 'jira', findingId: 'f-1', ticketId: 'SEC-1' });
  });
});

describe('http client without a server', () => {
  it('retries connection-refused errors, even for POST (the request never left)', async () => {
    const port = await closedPort();
    const { sleep } = instantSleep();
    const http = createHttpClient({ sleep, maxAttempts: 3 });
    const error = await failure(
      http.request({ method: 'POST', url: `http://127.0.0.1:${String(port)}/x`, json: {} }),
    );
    expect(error).toMatchObject({ reason: 'network', attempts: 3, transient: true });
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const http = createHttpClient({
      fetch: (input) => {
        calls.push(String(input));
        return Promise.resolve(new Response('{"a":1}', { status: 200 }));
      },
    });
    await expect(
      http.requestJson({ method: 'GET', url: 'https://api.example.com/a' }, z.object({ a: z.number() })),
    ).resolves.toEqual({ a: 1 });
    expect(calls).toEqual(['https://api.example.com/a']);
  });
});

describe('redactUrl', () => {
  it('drops credentials, query values (except api-version) and fragments', () => {
    expect(redactUrl('https://user:pw@example.com/a/b?token=abc&sig=def&api-version=2023-01-01#x')).toBe(
      'https://example.com/a/b?token=***&sig=***&api-version=2023-01-01',
    );
    expect(
      redactUrl('https://prod-1.westeurope.logic.azure.com/workflows/1/triggers?sig=abc', {
        redactPath: true,
      }),
    ).toBe('https://prod-1.westeurope.logic.azure.com/…');
    expect(redactUrl('not a url')).toBe('<invalid url>');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:50 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('URL policy', () => {
  it('accepts https base URLs and normalizes them', () => {
    expect(parseBaseUrl('https://example.atlassian.net/', { name: 'jira.baseUrl' }).toString()).toBe(
      'https://example.atlassian.net/',
    );
    expect(parseBaseUrl('https://example.com/jira/', { name: 'jira.baseUrl' }).pathname).toBe('/jira');
  });

  it.each([
    ['http://example.atlassian.net', 'must use https'],
    ['ftp://example.com', 'must use https'],
    ['https://user:pw@example.com', 'must not embed credentials'],
    ['https://example.com/?a=1', 'must not have a query or fragment'],
    ['https://example.com/\r\nX: y', 'must not contain whitespace or control characters'],
    ['example.com', 'is not an absolute URL'],
  ])('rejects %j', (raw, reason) => {
    expect(() => parseBaseUrl(raw, { name: 'jira.baseUrl' })).toThrow(
      new UnsafeUrlError('jira.baseUrl', reason),
    );
  });

  it('accepts http only with allowInsecureHttp', () => {
    expect(parseBaseUrl('http://127.0.0.1:8080', { name: 'x', allowInsecureHttp: true }).host).toBe(
      '127.0.0.1:8080',
    );
  });

  it('builds URLs whose segments cannot escape the base', () => {
    const base = new URL('https://example.com/jira');
    expect(buildUrl(base, ['rest', 'api', '3', 'issue', 'A/../../admin']).toString()).toBe(
      'https://example.com/jira/rest/api/3/issue/A%2F..%2F..%2Fadmin',
    );
    expect(buildUrl(base, ['x'], { q: 'a b&c' }).toString()).toBe('https://example.com/jira/x?q=a+b%26c');
    expect(() => buildUrl(base, ['..'])).toThrow(UnsafeUrlError);
    expect(() => buildUrl(base, [''])).toThrow(UnsafeUrlError);
  });

  it('restricts webhook hosts without echoing the URL', () => {
    const options = { name: 'slack.webhookUrl', allowedHosts: ['hooks.slack.com'] };
    expect(parseWebhookUrl('https://hooks.slack.com/services/T/B/X', options).host).toBe('hooks.slack.com');
    expect(() =>
      parseWebhookUrl('https://hooks.slack.com.evil.example/services/T/B/SECRET', options),
    ).toThrow('slack.webhookUrl must point at one of: hooks.slack.com');
    expect(
      parseWebhookUrl('https://prod-01.westeurope.logic.azure.com/x?sig=1', {
        name: 'teams.webhookUrl',
        allowedHosts: ['.logic.azure.com'],
      }).search,
    ).toBe('?sig=1');
  });
});
