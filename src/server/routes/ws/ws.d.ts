// Minimal typings for the part of `ws` (a dependency of @fastify/websocket) that Lotse's
// tests and benchmarks use as a client; the package ships none and @types/ws is not
// installed. Shaped like @types/ws (`export =` with a merged namespace), so that
// @fastify/websocket's own typings resolve `WebSocket.WebSocket` and `WebSocket.Server`.
// The server side only sees sockets through plugins/live-hub.ts's LiveSocket.
declare module 'ws' {
  import { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    constructor(address: string | URL | null, protocols?: string | string[], options?: WebSocket.ClientOptions);
    readonly readyState: 0 | 1 | 2 | 3;
    readonly bufferedAmount: number;
    /** The underlying TCP socket (tests pause it to play a client that stops reading). */
    readonly _socket: Duplex;
    send(data: string | Buffer, options?: { binary?: boolean }, callback?: (error?: Error) => void): void;
    send(data: string | Buffer, callback?: (error?: Error) => void): void;
    ping(data?: unknown, mask?: boolean, callback?: (error?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    pause(): void;
    resume(): void;
    on(event: 'message', listener: (data: WebSocket.RawData, isBinary: boolean) => void): this;
    on(event: 'open' | 'ping' | 'pong', listener: () => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): this;
    once(event: 'message', listener: (data: WebSocket.RawData, isBinary: boolean) => void): this;
    once(event: 'open', listener: () => void): this;
    once(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    once(event: 'error', listener: (error: Error) => void): this;
  }

  const WebSocketAlias: typeof WebSocket;
  interface WebSocketAlias extends WebSocket {}

  namespace WebSocket {
    interface ClientOptions {
      headers?: Record<string, string>;
      origin?: string;
      perMessageDeflate?: boolean;
      handshakeTimeout?: number;
    }
    interface ServerOptions {
      maxPayload?: number;
      perMessageDeflate?: boolean;
    }
    type RawData = Buffer | ArrayBuffer | Buffer[];
    const WebSocket: typeof WebSocketAlias;
    interface WebSocket extends WebSocketAlias {}
    class Server extends EventEmitter {
      constructor(options?: ServerOptions);
      readonly clients: Set<WebSocketAlias>;
      close(callback?: (error?: Error) => void): void;
    }
    const WebSocketServer: typeof Server;
    interface WebSocketServer extends Server {}
  }

  export = WebSocket;
}
