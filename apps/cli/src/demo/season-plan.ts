import { createHash } from 'node:crypto';
import type { Choice, NomineeRole } from '@vinhdanh/domain';

/**
 * The script of a provincial season, as data: who sits on the council, which units nominate
 * whom for what, and how each nomination ends. Pure and deterministic, so the demo and its
 * end-to-end test play the same season and can assert its outcome.
 */

export type AwardKey = 'flag' | 'merit' | 'fighter';

export const AWARDS: Record<AwardKey, { code: string; name: string; collective: boolean; pledge: boolean; evaluators: number; criteria: string[] }> = {
  flag: {
    code: 'provincial_emulation_flag',
    name: 'Cờ thi đua của UBND tỉnh (provincial emulation flag)',
    collective: true,
    pledge: true,
    evaluators: 3,
    criteria: ['task_completion', 'emulation_movement', 'solidarity_discipline'],
  },
  merit: {
    code: 'chair_certificate_of_merit',
    name: 'Bằng khen của Chủ tịch UBND tỉnh (certificate of merit)',
    collective: false,
    pledge: false,
    evaluators: 2,
    criteria: ['task_completion', 'initiative', 'ethics_discipline'],
  },
  fighter: {
    code: 'provincial_emulation_fighter',
    name: 'Chiến sĩ thi đua cấp tỉnh (provincial emulation fighter)',
    collective: false,
    pledge: true,
    evaluators: 3,
    criteria: ['task_completion', 'initiative', 'ethics_discipline'],
  },
};

/** How a nomination's story ends. */
export type Fate =
  | 'awarded'
  /** Scores below the pass mark; the chair rejects it. */
  | 'fails_evaluation'
  /** An objection is upheld; the vote passes but approval is refused (OBJECTION_UPHELD), so the chair rejects it. */
  | 'objection_upheld'
  /** Too few yes votes; the secretary closes the vote and the chair rejects it. */
  | 'fails_vote'
  /** Secret ballot left open until the decision deadline: the deadline job closes it, and it fails. */
  | 'vote_closed_by_job';

export interface Unit {
  id: string;
  name: string;
}

export interface Person {
  sub: string;
  name: string;
  unit: string;
}

export interface PlannedNomination {
  id: string;
  award: AwardKey;
  unit: Unit;
  nominee: { id: string; name: string; role: NomineeRole | null };
  fate: Fate;
  /** A dismissed objection leaves the nomination's fate unchanged. */
  objection: 'upheld' | 'dismissed' | null;
  /** A council member who declares a conflict and is recused. */
  conflictOf: string | null;
  revoked: boolean;
  /** One score per criterion of the award, the same from every evaluator. */
  scores: number[];
  evidenceSha256: string;
}

export interface SeasonSize {
  /** Collectives that receive the provincial emulation flag. */
  flags: number;
  /** Individuals that receive the certificate of merit. */
  certificates: number;
  /** Emulation fighter nominations (all fall at the secret ballot, closed by the deadline job). */
  fighters: number;
}

/** The provincial report's year: 19 flags, 61 certificates of merit. */
export const FULL_SEASON: SeasonSize = { flags: 19, certificates: 61, fighters: 5 };

export interface SeasonPlan {
  campaignId: string;
  councilId: string;
  sessionId: string;
  units: Unit[];
  council: (Person & { councilRole: 'chair' | 'vice_chair' | 'secretary' | 'member' })[];
  evaluators: Person[];
  officers: Map<string, Person>;
  admin: Person;
  secretary: Person;
  approver: Person;
  publisher: Person;
  auditor: Person;
  nominations: PlannedNomination[];
  expected: { flags: number; certificates: number; revoked: number; nominations: number };
}

const UNITS: [string, string][] = [
  ['so-gddt', 'Sở Giáo dục và Đào tạo'],
  ['so-yte', 'Sở Y tế'],
  ['so-tc', 'Sở Tài chính'],
  ['so-nnmt', 'Sở Nông nghiệp và Môi trường'],
  ['so-xd', 'Sở Xây dựng'],
  ['so-ct', 'Sở Công Thương'],
  ['so-vhttdl', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['so-noivu', 'Sở Nội vụ'],
  ['so-tp', 'Sở Tư pháp'],
  ['so-khcn', 'Sở Khoa học và Công nghệ'],
  ['so-dtnn', 'Sở Dân tộc và Tôn giáo'],
  ['thanh-tra', 'Thanh tra tỉnh'],
  ['bhxh', 'Bảo hiểm xã hội tỉnh'],
  ['cuc-thue', 'Thuế tỉnh'],
  ['ubnd-tp', 'UBND thành phố'],
  ['ubnd-h-bac', 'UBND huyện Bắc Sơn'],
  ['ubnd-h-nam', 'UBND huyện Nam Hà'],
  ['ubnd-h-dong', 'UBND huyện Đông Triều'],
  ['ubnd-h-tay', 'UBND huyện Tây Giang'],
  ['ubnd-tx', 'UBND thị xã Phú Mỹ'],
];

/** Council members come from bodies that nominate no one this year: no one is recused for sharing a unit. */
const COUNCIL: [string, string, 'chair' | 'vice_chair' | 'secretary' | 'member'][] = [
  ['ubnd-tinh', 'Nguyễn Văn Thành', 'chair'],
  ['ubnd-tinh-pct', 'Trần Thị Hoa', 'vice_chair'],
  ['ban-tdkt', 'Lê Minh Quang', 'secretary'],
  ['mttq', 'Phạm Thị Lan', 'member'],
  ['ldld', 'Hoàng Văn Nam', 'member'],
  ['tinh-doan', 'Vũ Thị Mai', 'member'],
  ['hoi-lhpn', 'Đặng Thu Hà', 'member'],
  ['hoi-nd', 'Bùi Văn Sơn', 'member'],
  ['hoi-ccb', 'Đỗ Văn Hải', 'member'],
  ['ban-tg', 'Ngô Thị Thu', 'member'],
  ['ban-tc', 'Dương Văn Long', 'member'],
  ['ubkt', 'Lý Thị Hằng', 'member'],
  ['vp-ubnd', 'Trịnh Văn Đức', 'member'],
  ['vp-tu', 'Mai Thị Ngọc', 'member'],
  ['cong-an', 'Hồ Văn Tùng', 'member'],
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Quốc', 'Thanh', 'Ngọc', 'Đức', 'Hải', 'Kim'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Khánh', 'Linh', 'Long', 'Mai', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const COLLECTIVES = ['Phòng Tổ chức – Hành chính', 'Phòng Kế hoạch – Tài chính', 'Văn phòng', 'Phòng Nghiệp vụ', 'Trung tâm Dịch vụ công'];

const personName = (i: number) => `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** Scores per criterion: comfortably above the pass marks, or clearly below them. */
function scoresFor(fate: Fate, i: number): number[] {
  if (fate === 'fails_evaluation') return [66, 55, 72];
  return [88 + (i % 8), 86 + (i % 10), 90 + (i % 6)];
}

export function planSeason(campaignId: string, size: SeasonSize = FULL_SEASON): SeasonPlan {
  for (const [key, n] of Object.entries(size)) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`a season needs at least one ${key}`);
  }
  const units: Unit[] = UNITS.map(([id, name]) => ({ id, name }));
  const council = COUNCIL.map(([unit, name, councilRole], i) => ({ sub: `hd-${pad(i + 1)}`, name, unit, councilRole }));
  const evaluators = [1, 2, 3, 4].map((i) => ({ sub: `chuyen-vien-${i}`, name: personName(100 + i), unit: 'ban-tdkt' }));
  const officers = new Map(units.map((u) => [u.id, { sub: `can-bo-${u.id}`, name: personName(200 + units.indexOf(u)), unit: u.id }]));

  const fates: { award: AwardKey; fate: Fate }[] = [
    ...Array.from({ length: size.flags }, () => ({ award: 'flag' as const, fate: 'awarded' as const })),
    { award: 'flag', fate: 'fails_evaluation' },
    { award: 'flag', fate: 'fails_evaluation' },
    { award: 'flag', fate: 'objection_upheld' },
    ...Array.from({ length: size.certificates }, () => ({ award: 'merit' as const, fate: 'awarded' as const })),
    { award: 'merit', fate: 'fails_evaluation' },
    { award: 'merit', fate: 'fails_vote' },
    ...Array.from({ length: size.fighters }, () => ({ award: 'fighter' as const, fate: 'vote_closed_by_job' as const })),
  ];
  const counters: Record<AwardKey, number> = { flag: 0, merit: 0, fighter: 0 };
  const nominations = fates.map(({ award, fate }, i): PlannedNomination => {
    const unit = units[i % units.length];
    const n = ++counters[award];
    const id = `${campaignId}-${award}-${pad(n)}`;
    const collective = AWARDS[award].collective;
    const nominee = collective
      ? { id: `tap-the-${unit.id}-${n}`, name: `${COLLECTIVES[n % COLLECTIVES.length]}, ${unit.name}`, role: null }
      : { id: `ca-nhan-${unit.id}-${award}-${n}`, name: personName(i), role: (i % 4 === 0 ? 'manager' : 'direct_worker') as NomineeRole };
    return {
      id,
      award,
      unit,
      nominee,
      fate,
      objection: fate === 'objection_upheld' ? 'upheld' : null,
      conflictOf: null,
      revoked: false,
      scores: scoresFor(fate, i),
      evidenceSha256: createHash('sha256').update(`${id}:bao-cao-thanh-tich.pdf`).digest('hex'),
    };
  });
  const awarded = (award: AwardKey) => nominations.filter((n) => n.award === award && n.fate === 'awarded');
  // A dismissed objection against one certificate; a declared conflict on one flag; one certificate later revoked.
  awarded('merit')[0].objection = 'dismissed';
  awarded('flag')[0].conflictOf = council[6].sub;
  awarded('merit')[awarded('merit').length - 1].revoked = true;

  return {
    campaignId,
    councilId: `${campaignId}-hoi-dong`,
    sessionId: `${campaignId}-phien-1`,
    units,
    council,
    evaluators,
    officers,
    admin: { sub: 'quan-tri', name: 'Quản trị hệ thống', unit: 'ban-tdkt' },
    secretary: { sub: 'thu-ky-hd', name: 'Thư ký Hội đồng', unit: 'ban-tdkt' },
    approver: { sub: 'chu-tich-ubnd', name: 'Chủ tịch UBND tỉnh', unit: 'ubnd-tinh' },
    publisher: { sub: 'van-phong-ubnd', name: 'Văn phòng UBND tỉnh', unit: 'vp-ubnd' },
    auditor: { sub: 'thanh-tra-vien', name: 'Thanh tra viên', unit: 'thanh-tra-tinh' },
    nominations,
    expected: { flags: size.flags, certificates: size.certificates, revoked: 1, nominations: nominations.length },
  };
}

/**
 * How each council member votes, by member index: the thresholds are ≥ 80 % of all (non-recused)
 * members for the flag, ≥ 70 % of those present for the certificate, ≥ 90 % of all for the
 * fighter. Recused members are skipped by the caller.
 */
export function ballotOf(n: PlannedNomination, memberIndex: number): Choice {
  const pattern: Record<'pass' | 'fail_merit' | 'fail_fighter', Choice[]> = {
    // 13 yes, 1 no, 1 abstain: above 12/15 (flag), 11/15 (certificate).
    pass: ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'abstain'],
    // 7 yes of 15: below 11.
    fail_merit: ['yes', 'no', 'yes', 'no', 'yes', 'abstain', 'yes', 'no', 'yes', 'no', 'yes', 'no', 'yes', 'abstain', 'no'],
    // 11 yes of 15: below the fighter's 14.
    fail_fighter: ['yes', 'yes', 'no', 'yes', 'yes', 'yes', 'abstain', 'yes', 'yes', 'no', 'yes', 'yes', 'yes', 'no', 'yes'],
  };
  const which = n.fate === 'fails_vote' ? 'fail_merit' : n.fate === 'vote_closed_by_job' ? 'fail_fighter' : 'pass';
  return pattern[which][memberIndex % 15];
}
