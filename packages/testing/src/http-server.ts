import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): unknown;
}

/** A scripted answer: status, headers, body (objects are sent as JSON), or `'hang'` (never answer). */
export type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';
export type Responder = Reply | ((request: RecordedRequest) => Reply);

/** A local HTTP server on 127.0.0.1 with scripted replies per route and a request log. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /**
   * Scripts replies for `method` + `path` (exact path without query, or a RegExp). Replies are used
   * in order; the last one repeats. Unscripted routes answer 404.
   */
  on(method: string, path: string | RegExp, ...replies: Responder[]): void;
  /** Requests to one method + path. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly replies: Responder[];
  used: number;
}

const matches = (route: { method: string; path: string | RegExp }, method: string, path: string): boolean =>
  route.method === method && (typeof route.path === 'string' ? route.path === path : route.path.test(path));

/**
 * The HTTP timeout for clients of a {@link startTestServer} server. Generous on purpose: the server
 * answers at once, but on a machine whose cores are busy a reply can take seconds, and no test of a
 * loopback server waits for a timeout to fire (timeouts are tested with fake timers).
 */
export const LOOPBACK_TIMEOUT_MS = 30_000;

/**
 * Starts a test server on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * server.on('POST', '/rest/api/3/issue', { status: 201, body: { key: 'SEC-1' } });
 * // ... exercise the adapter with baseUrl server.url ...
 * expect(server.requests).toHaveLength(1);
 * await server.close();
 * ```
 */
export async function startTestServer(): Promise<TestServer> {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        json: () => JSON.parse(body) as unknown,
      };
      requests.push(recorded);
      const route = routes.find((r) => matches(r, recorded.method, recorded.path));
      const responder = route?.replies[Math.min(route.used, route.replies.length - 1)];
      if (route !== undefined) route.used += 1;
      const reply: Reply =
        responder === undefined
          ? { status: 404, body: { error: 'no route' } }
          : typeof responder === 'function'
            ? responder(recorded)
            : responder;
      if (reply === 'hang') return;
      const isText = typeof reply.body === 'string';
      const payload =
        reply.body === undefined ? '' : isText ? String(reply.body) : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { 'content-type': isText ? 'text/plain' : 'application/json' }),
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    on(method, path, ...replies) {
      routes.unshift({ method, path, replies, used: 0 });
    },
    requestsTo(method, path) {
      return requests.filter((r) => matches({ method, path }, r.method, r.path));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `sleep` that records the delays and resolves at once (keeps retry tests fast). */
export function instantSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}
