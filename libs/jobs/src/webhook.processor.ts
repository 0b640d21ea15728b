import { UnrecoverableError, type Job } from 'bullmq';
import type { WebhookJobData, WebhookTarget } from './job-data';
import { WebhookRejected, sendWebhook, type SendOptions } from './webhook-sender';

export interface WebhookConfig {
  /** WEBHOOK_SECRET: the HMAC key receivers verify with. */
  secret: string;
  urls: Partial<Record<WebhookTarget, string>>;
}

/** Sends one queued webhook; a failure is thrown for BullMQ's attempts and exponential backoff. */
export function webhookProcessor(config: WebhookConfig, options: SendOptions = {}) {
  return async (job: Pick<Job<WebhookJobData>, 'id' | 'data'>): Promise<{ status: number }> => {
    const url = config.urls[job.data.target];
    if (!url) throw new UnrecoverableError(`no URL is configured for the ${job.data.target} webhook`);
    try {
      return await sendWebhook({ url, secret: config.secret, body: job.data.body, deliveryId: String(job.id), topic: job.data.topic }, options);
    } catch (error) {
      if (error instanceof WebhookRejected && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
