import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadApiConfig } from '@vinhdanh/config';
import { SqliteEventStore } from '@vinhdanh/event-store';
import { Checkpointer, SigningKey } from '@vinhdanh/ledger';
import { ALL_PROJECTIONS, LeaseRow, ProjectionRunner } from '@vinhdanh/projections';
import { SqliteClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the app has no alias; the browser harness boots it like the API's e2e harness
import { bootstrapApi } from '../../../apps/api/src';
import { TestClock, seedSeason } from './season';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const JWT_SECRET = 'browser-test-secret-long-enough-for-hs256-0123456789';

/** Fails loudly (never skips) when the browser is missing: CI installs it, so a missing one is a broken set-up. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the browser tests cannot run. Install it with: apt-get update && apt-get install -y chromium`);
  }
}

export interface WebHarness {
  app: NestFastifyApplication;
  baseUrl: string;
  store: SqliteEventStore;
  sql: SqliteClient;
  clock: TestClock;
  dir: string;
  /** Every JSON log line the app wrote. */
  logs: string[];
  /** Projections to zero lag, then the checkpointer over the whole log and a fresh signature. */
  catchUp(): Promise<void>;
  /** A fresh browser profile (its own --user-data-dir) and one page in it. */
  browser(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The API with its pages on 127.0.0.1 (random port) over a temporary SQLite store, seeded with one season. */
export async function startWebHarness(options: { chromium?: boolean; env?: Record<string, string> } = {}): Promise<WebHarness> {
  if (options.chromium ?? true) requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-browser-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  const sql = SqliteClient.open(join(dir, 'read.db'));
  const clock = new TestClock();
  const config = loadApiConfig({ JWT_SECRET, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', PUBLIC_RATE_LIMIT: '100000', ...options.env });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await bootstrapApi({ store, sql, config, clock: clock.read, logDestination, listen: true });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    await seedSeason(app.get(CommandBus), clock);
  } catch (error) {
    await app.close();
    await store.close();
    await sql.close();
    throw error;
  }
  const runner = new ProjectionRunner({ store, sql, projections: ALL_PROJECTIONS, lease: new LeaseRow(sql, 'browser-test', 60_000), retryMs: 20 });
  await runner.start();
  const checkpointer = await Checkpointer.open({ sql, key: SigningKey.generate('vinhdanh.test/ledger'), everyEvents: 1_000_000, log: () => undefined });
  const contexts: BrowserContext[] = [];
  const harness: WebHarness = {
    app,
    baseUrl,
    store,
    sql,
    clock,
    dir,
    logs,
    async catchUp() {
      for (let i = 0; ; i++) {
        const lag = await runner.lag();
        if (Object.values(lag).every((n) => n === 0)) break;
        if (i > 800) throw new Error(`read models did not catch up: ${JSON.stringify(lag)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const batch = [];
      for await (const e of store.readAll({ fromPosition: checkpointer.size })) batch.push(e);
      if (batch.length) await checkpointer.handle(batch);
      await checkpointer.signNow();
    },
    async browser() {
      const profile = mkdtempSync(join(dir, 'profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: { width: 1280, height: 900 },
        locale: 'vi-VN',
      });
      contexts.push(context);
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close();
      await runner.stop();
      await app.close();
      await store.close();
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await harness.catchUp();
  return harness;
}

/** Signs in through the page as one of the demo people (embedded mode's local sign-in). */
export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/pages/sign-in`);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForLoadState('domcontentloaded');
}
