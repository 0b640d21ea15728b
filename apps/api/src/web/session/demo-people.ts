import type { Role } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';
import type { SqlExecutor } from '@vinhdanh/sql';
import { listCampaigns, readCouncil } from '../shared/season-views';

export interface DemoPerson {
  id: string;
  name: string;
  roles: Role[];
  unit?: string;
}

/**
 * The staff of the embedded demo (the ids `vinhdanh demo` acts under), whom local sign-in offers
 * besides the council members. No password: VINHDANH_MODE=production turns local sign-in off.
 */
export const DEMO_STAFF: readonly DemoPerson[] = [
  { id: 'thu-ky-hd', name: 'Thư ký Hội đồng', roles: ['council_secretary'], unit: 'ban-tdkt' },
  { id: 'van-phong-ubnd', name: 'Văn phòng UBND tỉnh', roles: ['publisher'], unit: 'vp-ubnd' },
  { id: 'thanh-tra-vien', name: 'Thanh tra viên', roles: ['auditor'], unit: 'thanh-tra-tinh' },
];

/** Who local sign-in offers: the demo's staff, then every member of the campaigns' councils, as the log names them. */
export async function demoPeople(store: EventStore, sql: SqlExecutor): Promise<DemoPerson[]> {
  const people = new Map<string, DemoPerson>(DEMO_STAFF.map((p) => [p.id, p]));
  const councils = [...new Set((await listCampaigns(sql)).map((c) => c.councilId))];
  for (const councilId of councils) {
    const council = await readCouncil(store, councilId);
    for (const m of council?.members ?? []) {
      if (!people.has(m.memberId)) people.set(m.memberId, { id: m.memberId, name: m.name, roles: ['council_member'], unit: m.unitId });
    }
  }
  return [...people.values()];
}
