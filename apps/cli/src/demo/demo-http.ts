import { randomUUID } from 'node:crypto';
import type { Role } from '@vinhdanh/domain';

export interface Caller {
  sub: string;
  roles: Role[];
  unit?: string;
}

export type MintToken = (caller: Caller) => Promise<string>;

/** A request the API refused; `code` is the problem's stable code (a domain rule, or a status). */
export class DemoRequestFailed extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(`${method} ${path} answered ${status} ${code}: ${detail}`);
    this.name = 'DemoRequestFailed';
  }
}

/**
 * The demo talks to the API only over HTTP, each person with their own token, the way a browser
 * or an integration would. Commands carry an Idempotency-Key, so the retry of a write conflict
 * (two approvals racing for the campaign's quota stream) can never apply twice.
 */
export class DemoHttp {
  private readonly tokens = new Map<string, Promise<string>>();
  /** Requests sent, for the progress lines. */
  sent = 0;

  constructor(
    readonly baseUrl: string,
    private readonly mint: MintToken,
  ) {}

  private token(caller: Caller): Promise<string> {
    const key = `${caller.sub}|${caller.roles.join('+')}|${caller.unit ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.mint(caller);
      this.tokens.set(key, token);
    }
    return token;
  }

  async get<T>(caller: Caller | null, path: string): Promise<T> {
    return (await this.send('GET', caller, path)) as T;
  }

  async post<T = unknown>(caller: Caller | null, path: string, body?: unknown): Promise<T> {
    const key = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await this.send('POST', caller, path, body, key)) as T;
      } catch (error) {
        // A concurrent write won (after the handler's own retries): the command is decided afresh.
        if (!(error instanceof DemoRequestFailed) || error.code !== 'CONCURRENCY_CONFLICT' || attempt >= 8) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
      }
    }
  }

  private async send(method: 'GET' | 'POST', caller: Caller | null, path: string, body?: unknown, idempotencyKey?: string): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (caller) headers.authorization = `Bearer ${await this.token(caller)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    this.sent += 1;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { detail: text.slice(0, 200) };
    }
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
      throw new DemoRequestFailed(method, path, response.status, problem.code ?? String(response.status), problem.detail ?? problem.title ?? '');
    }
    return parsed;
  }
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops the rest. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  const lane = async () => {
    while (failed === null && next < items.length) {
      const index = next++;
      try {
        await work(items[index], index);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== null) throw failed;
}
