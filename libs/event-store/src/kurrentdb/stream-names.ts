import { InvalidEvent } from '../errors';

const PREFIX = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * How one Vinh Danh log is laid out in KurrentDB. Three kinds of stream share the prefix:
 *
 * - `<prefix>:<streamId>`   the domain streams: the events themselves, read by readStream and,
 *                           through a `$all` prefix filter, by readAll and subscribe;
 * - `<prefix>~log`          one small entry per event, its revision equal to the event's global
 *                           position: the append serialisation point and the position → `$all`
 *                           index;
 * - `<prefix>~id~<eventId>` one claim per eventId, written with NO_STREAM: the server refuses a
 *                           second event with the same id, whatever stream it targets.
 *
 * The prefix may not contain `:` or `~`, so no streamId can make a domain stream collide with
 * the log or a claim, and the filter `<prefix>:` matches domain streams and nothing else (system
 * streams start with `$`, which a prefix cannot).
 */
export class StreamNames {
  readonly domainPrefix: string;
  readonly log: string;

  constructor(readonly prefix: string) {
    if (!PREFIX.test(prefix)) {
      throw new InvalidEvent('streamPrefix', 'must be 1–64 characters of A–Z, a–z, 0–9, _ . -');
    }
    this.domainPrefix = `${prefix}:`;
    this.log = `${prefix}~log`;
  }

  domain(streamId: string): string {
    return this.domainPrefix + streamId;
  }

  claim(eventId: string): string {
    return `${this.prefix}~id~${eventId.toLowerCase()}`;
  }

  /** The streamId of a domain stream name, or undefined for any other stream. */
  streamIdOf(streamName: string): string | undefined {
    if (!streamName.startsWith(this.domainPrefix)) return undefined;
    return streamName.slice(this.domainPrefix.length);
  }

  isClaim(streamName: string): boolean {
    return streamName.startsWith(`${this.prefix}~id~`);
  }
}
