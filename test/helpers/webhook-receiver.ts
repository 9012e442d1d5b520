// A real HTTP receiver of webhook deliveries: it keeps each POST's events and whether its v1 and
// v3 signatures hold (checked with the official SDK's Signature helper), answers as told, and can
// refuse connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Signature } from '@hubspot/api-client';

/** One POST as the receiver saw it. */
export interface ReceivedDelivery {
  readonly events: Record<string, unknown>[];
  readonly v1Valid: boolean;
  readonly v3Valid: boolean;
  readonly headers: IncomingMessage['headers'];
}

export interface WebhookReceiver {
  /** The target URL to configure (with a query, which v2/v3 signatures cover). */
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** Every event received, in arrival order. */
  events(): Record<string, unknown>[];
  /**
   * The status each following POST gets (by its index among all POSTs), or null for no answer
   * until the receiver closes; 204 by default.
   */
  answer: (index: number) => number | null;
  /** While true, connections are reset as they open, before any request is read. */
  refusing: boolean;
  /** Resolves once `count` events have arrived; rejects after `timeoutMs`. */
  waitForEvents(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Starts a receiver for the app whose client secret is `clientSecret`, on `port` (0: any). */
export async function startReceiver(clientSecret: string, port = 0): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = `http://${request.headers.host}${request.url}`;
      const common = { clientSecret, requestBody: body, url };
      received.push({
        events: JSON.parse(body) as Record<string, unknown>[],
        v1Valid:
          request.headers['x-hubspot-signature-version'] === 'v1' &&
          Signature.isValid({
            ...common,
            signature: String(request.headers['x-hubspot-signature']),
          }),
        v3Valid: Signature.isValid({
          ...common,
          signature: String(request.headers['x-hubspot-signature-v3']),
          signatureVersion: 'v3',
          timestamp: Number(request.headers['x-hubspot-request-timestamp']),
        }),
        headers: request.headers,
      });
      const status = receiver.answer(received.length - 1);
      if (status !== null) response.writeHead(status).end();
    });
  });
  server.on('connection', (socket: Socket) => {
    if (receiver.refusing) {
      // A reset, as a closed port answers: the sender's attempt fails at once.
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: listening } = server.address() as AddressInfo;
  const events = () => received.flatMap((delivery) => delivery.events);
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${listening}/hooks?app=receiver`,
    received,
    events,
    answer: () => 204,
    refusing: false,
    async waitForEvents(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events().length < count) {
        if (Date.now() > deadline) {
          throw new Error(`${events().length} of ${count} events arrived in ${timeoutMs} ms`);
        }
        await delay(20);
      }
      return events();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
  return receiver;
}
