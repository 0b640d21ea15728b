import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received, the bytes the signature covers. */
  raw: Buffer;
}

/** A portal or SMS gateway on 127.0.0.1: records every delivery, answers with the status it is told. */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly status: Record<string, number> = {};

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const box: { receiver?: WebhookReceiver } = {};
    const server = createServer((request, response) => {
      const receiver = box.receiver!;
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        receiver.deliveries.push({ path, headers: request.headers, raw: Buffer.concat(chunks) });
        response.writeHead(receiver.status[path] ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    box.receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return box.receiver;
  }

  to(path: string): Delivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
