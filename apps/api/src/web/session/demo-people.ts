import type { Role } from '@vinhdanh/domain';

export interface DemoPerson {
  id: string;
  name: string;
  roles: Role[];
  unit?: string;
}

/**
 * Who the embedded demo lets you sign in as (no password: VINHDANH_MODE=production turns local
 * sign-in off). Ids match the demo season and the tests' council, so each person finds their work.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'm-1', name: 'Nguyễn Văn Minh', roles: ['council_member'], unit: 'u-ppc' },
  { id: 'm-2', name: 'Trần Thị Lan', roles: ['council_member'], unit: 'u-a' },
  { id: 'm-3', name: 'Lê Hoàng Nam', roles: ['council_member'], unit: 'u-b' },
  { id: 'm-4', name: 'Phạm Thu Hà', roles: ['council_member'], unit: 'u-c' },
  { id: 'm-5', name: 'Võ Quốc Bảo', roles: ['council_member'], unit: 'u-health' },
  { id: 'sec-1', name: 'Đặng Thị Hồng', roles: ['council_secretary'], unit: 'u-board' },
  { id: 'pub-1', name: 'Bùi Văn Công', roles: ['publisher'], unit: 'u-board' },
  { id: 'aud-1', name: 'Hoàng Minh Tuấn', roles: ['auditor'], unit: 'u-inspect' },
];
