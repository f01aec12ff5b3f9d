import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake server received, as sent: the contract tests assert on these. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed JSON body, or undefined. */
  body: unknown;
}

/** Faults every fake can be switched into. */
export type Fault = 'none' | 'slow' | 'server_error' | 'malformed_json';

export interface FakeReply {
  status: number;
  body?: unknown;
  /** Sent as is (for malformed answers). */
  raw?: string;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/**
 * A loopback HTTP server that records every request and lets a test switch in faults. Each
 * service's fake supplies the routing that follows that service's document.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  fault: Fault = 'none';
  /** How long a `slow` answer waits. */
  slowMs = 2_000;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly handler: FakeHandler) {}

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests whose path ends with `suffix`. */
  calls(suffix: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(suffix) && (!method || r.method === method));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      rawBody,
      body,
    };
    this.requests.push(recorded);

    if (this.fault === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    if (this.fault === 'server_error') return this.send(res, { status: 503, body: { error: 'down for maintenance' } });
    if (this.fault === 'malformed_json') return this.send(res, { status: 200, raw: '{"ok": tru' });
    let reply: FakeReply;
    try {
      reply = await this.handler(recorded);
    } catch (error) {
      reply = { status: 500, body: { error: String(error) } };
    }
    this.send(res, reply);
  }

  private send(res: ServerResponse, reply: FakeReply): void {
    if (res.destroyed) return;
    const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  }
}
