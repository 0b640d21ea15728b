import { randomBytes, randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject } from '@vinhdanh/event-store';

/** The lifecycle of one nomination: ~12 events, as a real stream would hold. */
const LIFECYCLE = [
  'NominationPledged',
  'NominationSubmitted',
  'EvidenceAttached',
  'EvidenceAttached',
  'EvaluationScored',
  'EvaluationScored',
  'NominationEvaluated',
  'PublicNoticeOpened',
  'PublicNoticeClosed',
  'BallotCast',
  'NominationApproved',
  'NominationPublished',
] as const;

export const STREAM_LENGTH = LIFECYCLE.length;

const UNITS = ['Sở Giáo dục và Đào tạo', 'Ủy ban nhân dân huyện Ý Yên', 'Bệnh viện Đa khoa tỉnh', 'Trường THPT Nguyễn Trãi'];
const NAMES = ['Nguyễn Thị Ánh Tuyết', 'Trần Văn Đức', 'Lê Hoàng Yến', 'Phạm Quốc Hưng', 'Đỗ Thị Thu Hằng'];
const CITATION =
  'Có thành tích xuất sắc trong phong trào thi đua yêu nước, hoàn thành vượt mức chỉ tiêu được giao, ' +
  'đổi mới phương pháp làm việc, tích cực hướng dẫn đồng nghiệp và được tập thể đơn vị bình xét, suy tôn.';

export type EventIdKind = 'v4' | 'v7';

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of milliseconds, then a counter within the
 * millisecond, then random bits. Ids made this way land at the end of a B-tree index, which is
 * what an application can choose to do for its eventIds.
 */
export function uuidV7(): string {
  const now = Date.now();
  sequence = now === lastMs ? sequence + 1 : 0;
  lastMs = now;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes.writeUInt16BE(0x7000 | (sequence & 0x0fff), 6);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One realistic event, ~600 bytes of JSON in Vietnamese (data and metadata together). */
export function benchEvent(
  streamIndex: number,
  revision: number,
  ids: EventIdKind = 'v4',
): { eventId: string; type: string; data: JsonObject; metadata: EventMetadata } {
  const type = LIFECYCLE[revision % LIFECYCLE.length]!;
  return {
    eventId: ids === 'v7' ? uuidV7() : randomUUID(),
    type,
    data: {
      nominationId: `nomination-${streamIndex}`,
      campaignId: 'campaign-2026-thi-dua-yeu-nuoc',
      nominee: { name: NAMES[streamIndex % NAMES.length]!, unit: UNITS[streamIndex % UNITS.length]! },
      award: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      step: revision,
      score: (streamIndex * 7 + revision * 13) % 100,
      citation: CITATION,
    },
    metadata: {
      actor: { id: `officer-${streamIndex % 40}`, roles: ['unit-officer'], unit: UNITS[streamIndex % UNITS.length]! },
      correlationId: randomUUID(),
      recordedAt: new Date(Date.UTC(2026, 10, 26, 8, 0, 0) + streamIndex * 1000 + revision).toISOString(),
    },
  };
}
