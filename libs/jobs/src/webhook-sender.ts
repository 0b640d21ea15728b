import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './hmac-signature';

export interface WebhookDelivery {
  url: string;
  secret: string;
  /** The raw JSON body, signed byte for byte as sent. */
  body: string;
  /** Stable across retries (the job id), so the receiver can drop a duplicate. */
  deliveryId: string;
  topic: string;
}

/** The receiver answered, but not with 2xx. `permanent` when retrying the same request cannot help. */
export class WebhookRejected extends Error {
  readonly code = 'WEBHOOK_REJECTED';
  constructor(
    readonly status: number,
    readonly permanent: boolean,
  ) {
    super(`the webhook receiver answered HTTP ${status}`);
    this.name = 'WebhookRejected';
  }
}

export interface SendOptions {
  timeoutMs?: number;
  nowSeconds?: () => number;
  fetch?: typeof fetch;
}

/**
 * One signed POST. Network errors and 5xx/408/429 throw for the queue to retry with backoff;
 * other 4xx throw a permanent WebhookRejected (the job fails at once and waits for an admin).
 */
export async function sendWebhook(delivery: WebhookDelivery, options: SendOptions = {}): Promise<{ status: number }> {
  const timestamp = options.nowSeconds ? options.nowSeconds() : Math.floor(Date.now() / 1000);
  const response = await (options.fetch ?? fetch)(delivery.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, delivery.body),
      [TIMESTAMP_HEADER]: String(timestamp),
      [DELIVERY_HEADER]: delivery.deliveryId,
      [EVENT_HEADER]: delivery.topic,
    },
    body: delivery.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    redirect: 'error',
  });
  // Drain the body so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new WebhookRejected(response.status, !retryable);
}
