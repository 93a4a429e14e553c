/**
 * runtime/http.ts, the HTTP client, against loopback servers that answer, hang,
 * cut off or speak another protocol.
 */
import { EventEmitter } from 'events';
import * as http from 'http';
import { AddressInfo, Socket } from 'net';
import { NetworkError } from '../../../lib/provider/runtime/errors';
import { httpRequest } from '../../../lib/provider/runtime/http';

/** Node's own `http` module object (the one the provider's client calls), for replacing `request` in a test. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, whose members a test can replace
const nodeHttp: typeof http = require('http');

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A loopback server whose answer each test chooses; records what it received. */
class TestServer {
  readonly seen: Seen[] = [];
  readonly sockets: Socket[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      this.handle(req, res);
    });
  });
  port = 0;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => void res.end('ok');

  async start(host: string): Promise<void> {
    this.server.on('connection', (s: Socket) => this.sockets.push(s));
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('httpRequest', () => {
  const server = new TestServer();
  let base = '';
  beforeAll(async () => {
    await server.start('127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
    server.handle = (_req, res) => void res.end('ok');
  });
  afterEach(() => jest.restoreAllMocks());

  test('sends the method, path and query, the headers given and the body with its byte length; returns status, headers and the UTF-8 body', async () => {
    server.handle = (_req, res) => {
      const reply = Buffer.from('réponse', 'utf8');
      res.writeHead(201, { 'x-reply': 'r', 'content-type': 'text/plain' });
      // The "é" is split across two chunks.
      res.write(reply.subarray(0, 2));
      setTimeout(() => res.end(reply.subarray(2)), 5);
    };
    const res = await httpRequest(`${base}/a/b?x=1&y=%20`, {
      method: 'PUT',
      headers: { 'x-test': 'v' },
      body: 'é1',
      timeoutMs: 2000,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-reply']).toBe('r');
    expect(res.body).toBe('réponse');
    expect(server.seen).toHaveLength(1);
    const seen = server.seen[0];
    expect([seen.method, seen.url, seen.body.toString('utf8')]).toEqual(['PUT', '/a/b?x=1&y=%20', 'é1']);
    expect(seen.headers['x-test']).toBe('v');
    expect(seen.headers['content-length']).toBe('3');
    expect(seen.headers['transfer-encoding']).toBeUndefined();
  });

  test('without a body: no Content-Length, nothing sent after the headers; the root path when the URL has none', async () => {
    const res = await httpRequest(base, { method: 'GET', timeoutMs: 2000 });
    expect([res.statusCode, res.body]).toEqual([200, 'ok']);
    expect(server.seen.map((s) => [s.method, s.url, s.body.length])).toEqual([['GET', '/', 0]]);
    expect(server.seen[0].headers['content-length']).toBeUndefined();
  });

  test('an empty body is declared with Content-Length: 0, whatever the method', async () => {
    await httpRequest(`${base}/empty`, { method: 'GET', body: '', timeoutMs: 2000 });
    expect(server.seen.map((s) => [s.method, s.headers['content-length'], s.body.length])).toEqual([['GET', '0', 0]]);
  });

  test('each request uses a fresh connection that is not kept alive', async () => {
    await httpRequest(`${base}/1`, { method: 'GET', timeoutMs: 2000 });
    await httpRequest(`${base}/2`, { method: 'GET', timeoutMs: 2000 });
    expect(server.seen.map((s) => s.headers.connection)).toEqual(['close', 'close']);
  });

  test('an IPv6 literal host is connected to without its brackets', async () => {
    const v6 = new TestServer();
    await v6.start('::1');
    try {
      const res = await httpRequest(`http://[::1]:${v6.port}/six`, { method: 'GET', timeoutMs: 2000 });
      expect([res.statusCode, res.body]).toEqual([200, 'ok']);
      expect(v6.seen.map((s) => s.url)).toEqual(['/six']);
    } finally {
      await v6.stop();
    }
  });

  test('an https URL is spoken to with TLS (a plain HTTP server there is a protocol error, not a request)', async () => {
    const err = await httpRequest(`https://127.0.0.1:${server.port}/`, { method: 'GET', timeoutMs: 2000 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe('EPROTO');
    expect(server.seen).toEqual([]);
  });

  test('a URL that does not parse rejects with EINVALIDURL, before any connection', async () => {
    const spy = jest.spyOn(nodeHttp, 'request');
    const err = await httpRequest('not a url', { method: 'GET', timeoutMs: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect([err.message, err.code]).toEqual(['invalid URL', 'EINVALIDURL']);
    expect(spy).not.toHaveBeenCalled();
  });

  test('a refused connection rejects with the socket error code', async () => {
    const closed = new TestServer();
    await closed.start('127.0.0.1');
    const port = closed.port;
    await closed.stop();
    const err = await httpRequest(`http://127.0.0.1:${port}/`, { method: 'GET', timeoutMs: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.message).toContain('ECONNREFUSED');
  });

  test('no complete answer within the timeout: ETIMEDOUT naming it, and the connection is closed', async () => {
    server.handle = () => undefined; // never answers
    const started = Date.now();
    const err = await httpRequest(`${base}/hang`, { method: 'POST', body: '{}', timeoutMs: 60 }).catch((e) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(err).toBeInstanceOf(NetworkError);
    expect([err.message, err.code]).toEqual(['no complete answer within 60 ms', 'ETIMEDOUT']);
    const socket = server.sockets[server.sockets.length - 1];
    await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
    expect(socket.destroyed).toBe(true);
  });

  test('a slow answer inside the timeout is awaited', async () => {
    server.handle = (_req, res) => void setTimeout(() => res.end('late'), 40);
    const res = await httpRequest(`${base}/slow`, { method: 'GET', timeoutMs: 1000 });
    expect(res.body).toBe('late');
  });

  test('an answer cut off in its body rejects with ECONNRESET "response aborted"', async () => {
    server.handle = (req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('0123456789');
      setTimeout(() => req.socket.destroy(), 10);
    };
    const err = await httpRequest(`${base}/cut`, { method: 'GET', timeoutMs: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect([err.message, err.code]).toEqual(['response aborted', 'ECONNRESET']);
  });

  describe('errors Node reports without going through a socket here (a stand-in for http.request)', () => {
    /** Replaces http.request; `script` drives the fake request and response once the request is ended. */
    function fakeTransport(
      script: (
        req: EventEmitter,
        res: EventEmitter & { statusCode?: number; headers: object },
        callback: (res: unknown) => void,
      ) => void,
    ): jest.SpyInstance {
      return jest.spyOn(nodeHttp, 'request').mockImplementation(((
        _options: unknown,
        callback: (res: unknown) => void,
      ) => {
        const req = Object.assign(new EventEmitter(), {
          end: () => setImmediate(() => script(req, Object.assign(new EventEmitter(), { headers: {} }), callback)),
          destroy: () => undefined,
        });
        return req;
      }) as never);
    }

    test('a request error without a code is ENETWORK', async () => {
      fakeTransport((req) => req.emit('error', new Error('socket hang up')));
      await expect(httpRequest(`${base}/`, { method: 'GET', timeoutMs: 1000 })).rejects.toMatchObject({
        name: 'NetworkError',
        message: 'socket hang up',
        code: 'ENETWORK',
      });
    });

    test('a response stream error keeps its code, or is ERESPONSE without one', async () => {
      fakeTransport((_req, res, callback) => {
        callback(res);
        res.emit('error', Object.assign(new Error('bad stream'), { code: 'EPIPE' }));
      });
      await expect(httpRequest(`${base}/`, { method: 'GET', timeoutMs: 1000 })).rejects.toMatchObject({
        name: 'NetworkError',
        message: 'bad stream',
        code: 'EPIPE',
      });
      fakeTransport((_req, res, callback) => {
        callback(res);
        res.emit('error', new Error('decoder failed'));
      });
      await expect(httpRequest(`${base}/`, { method: 'GET', timeoutMs: 1000 })).rejects.toMatchObject({
        name: 'NetworkError',
        message: 'decoder failed',
        code: 'ERESPONSE',
      });
    });

    test('a response without a status code counts as status 0', async () => {
      fakeTransport((_req, res, callback) => {
        callback(res);
        res.emit('data', Buffer.from('x'));
        res.emit('end');
      });
      await expect(httpRequest(`${base}/`, { method: 'GET', timeoutMs: 1000 })).resolves.toEqual({
        statusCode: 0,
        headers: {},
        body: 'x',
      });
    });
  });
});
