// Minimal typings for the part of `ws` (a dependency of @fastify/websocket) that Lotse's
// tests and benchmarks use as a client; the package ships none and @types/ws is not
// installed. The server side only sees sockets through plugins/live-hub.ts's LiveSocket.
declare module 'ws' {
  import { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  namespace WebSocket {
    interface ClientOptions {
      headers?: Record<string, string>;
      origin?: string;
      perMessageDeflate?: boolean;
      handshakeTimeout?: number;
    }
    type RawData = Buffer | ArrayBuffer | Buffer[];
  }

  class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    constructor(address: string | URL | null, protocols?: string | string[], options?: WebSocket.ClientOptions);
    readonly readyState: 0 | 1 | 2 | 3;
    readonly bufferedAmount: number;
    /** The underlying TCP socket (used by tests to stop reading). */
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
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: 'message', listener: (data: WebSocket.RawData, isBinary: boolean) => void): this;
    once(event: 'open', listener: () => void): this;
    once(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    once(event: 'error', listener: (error: Error) => void): this;
    once(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
  }

  export class WebSocketServer extends EventEmitter {
    readonly clients: Set<WebSocket>;
    close(callback?: (error?: Error) => void): void;
  }
  export { WebSocketServer as Server };
  export { WebSocket };
  export default WebSocket;
}
