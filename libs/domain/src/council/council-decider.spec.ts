import { DeciderSpecification } from '../testing/decider-specification';
import { ACTORS, AT, COUNCIL_ID, MEMBERS, councilConstituted, meta, sessionOpened, type Who } from '../testing/fixtures';
import { councilDecider } from './council-decider';
import type { CouncilCommand } from './council-commands';
import type { CouncilEvent, CouncilMember } from './council-events';

const spec = DeciderSpecification(councilDecider);
const NOW = AT.council;
const newcomer: CouncilMember = { memberId: 'm-6', name: 'Member Six', councilRole: 'member', unitId: 'u-d' };
const cmd = <T extends CouncilCommand['type']>(type: T, data: Extract<CouncilCommand, { type: T }>['data'], actor: Who = ACTORS.admin) =>
  ({ type, data, metadata: meta(actor, NOW) }) as Extract<CouncilCommand, { type: T }>;
const closed: CouncilEvent = { type: 'SessionClosed', data: { councilId: COUNCIL_ID, sessionId: 's-1', closedBy: 'sec-1', closedAt: NOW } };

describe('ConstituteCouncil', () => {
  const constitute = (members = MEMBERS, actor = ACTORS.admin) => cmd('ConstituteCouncil', { councilId: COUNCIL_ID, name: 'Provincial council', members }, actor);
  it('records members with their roles and units', () => {
    spec.given([]).when(constitute()).then([councilConstituted(MEMBERS, NOW)]);
  });
  it('refuses twice, no members, duplicates, incomplete members, non-administrators', () => {
    spec.given([councilConstituted()]).when(constitute()).thenFails('ALREADY_EXISTS');
    spec.given([]).when(constitute([])).thenFails('INVALID_COMMAND');
    spec.given([]).when(constitute([MEMBERS[0], MEMBERS[0]])).thenFails('INVALID_COMMAND');
    spec.given([]).when(constitute([{ ...MEMBERS[0], unitId: '' }])).thenFails('INVALID_COMMAND');
    spec.given([]).when(constitute(MEMBERS, ACTORS.secretary)).thenFails('FORBIDDEN_ROLE');
  });
});

describe('AddCouncilMember / RemoveCouncilMember', () => {
  it('adds and removes between sessions', () => {
    spec.given([councilConstituted()]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: newcomer })).then([
      { type: 'MemberAdded', data: { councilId: COUNCIL_ID, member: newcomer, addedBy: 'admin-1', addedAt: NOW } },
    ]);
    spec.given([councilConstituted()]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-4', reason: 'retired' })).then([
      { type: 'MemberRemoved', data: { councilId: COUNCIL_ID, memberId: 'm-4', reason: 'retired', removedBy: 'admin-1', removedAt: NOW } },
    ]);
  });
  it('refuses membership changes during a session', () => {
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: newcomer })).thenFails('MEMBER_IN_SESSION');
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-4', reason: 'x' })).thenFails('MEMBER_IN_SESSION');
  });
  it('refuses adding a member twice, removing a stranger, no reason, no council, wrong role', () => {
    spec.given([councilConstituted()]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: MEMBERS[0] })).thenFails('ALREADY_EXISTS');
    spec.given([councilConstituted()]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: { ...newcomer, name: '' } })).thenFails('INVALID_COMMAND');
    spec.given([councilConstituted()]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-9', reason: 'x' })).thenFails('NOT_A_MEMBER');
    spec.given([councilConstituted()]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-4', reason: ' ' })).thenFails('INVALID_COMMAND');
    spec.given([]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: newcomer })).thenFails('COUNCIL_NOT_FOUND');
    spec.given([]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-4', reason: 'x' })).thenFails('COUNCIL_NOT_FOUND');
    spec.given([councilConstituted()]).when(cmd('AddCouncilMember', { councilId: COUNCIL_ID, member: newcomer }, ACTORS.secretary)).thenFails('FORBIDDEN_ROLE');
    spec.given([councilConstituted()]).when(cmd('RemoveCouncilMember', { councilId: COUNCIL_ID, memberId: 'm-4', reason: 'x' }, ACTORS.secretary)).thenFails('FORBIDDEN_ROLE');
  });
});

describe('OpenSession / CloseSession', () => {
  const openS = (present: string[], sessionId = 's-1', actor: Who = ACTORS.secretary) => cmd('OpenSession', { councilId: COUNCIL_ID, sessionId, present }, actor);
  const closeS = (sessionId = 's-1', actor: Who = ACTORS.secretary) => cmd('CloseSession', { councilId: COUNCIL_ID, sessionId }, actor);
  it('opens a session recording who is present, and closes it', () => {
    spec.given([councilConstituted()]).when(openS(['m-1', 'm-2'])).then([sessionOpened(['m-1', 'm-2'])]);
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(closeS()).then([closed]);
  });
  it('refuses a second open session, a reused id, strangers or duplicates present, non-secretaries', () => {
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(openS(['m-1'], 's-2')).thenFails('SESSION_ALREADY_OPEN');
    spec.given([councilConstituted(), sessionOpened(['m-1']), closed]).when(openS(['m-1'], 's-1')).thenFails('ALREADY_EXISTS');
    spec.given([councilConstituted()]).when(openS(['m-1', 'intruder'])).thenFails('NOT_A_MEMBER');
    spec.given([councilConstituted()]).when(openS(['m-1', 'm-1'])).thenFails('INVALID_COMMAND');
    spec.given([councilConstituted()]).when(openS(['m-1'], ' ')).thenFails('INVALID_COMMAND');
    spec.given([councilConstituted()]).when(openS(['m-1'], 's-1', ACTORS.admin)).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(openS(['m-1'])).thenFails('COUNCIL_NOT_FOUND');
  });
  it('refuses closing no session, another session, or by a non-secretary', () => {
    spec.given([councilConstituted()]).when(closeS()).thenFails('SESSION_NOT_OPEN');
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(closeS('s-9')).thenFails('SESSION_MISMATCH');
    spec.given([councilConstituted(), sessionOpened(['m-1'])]).when(closeS('s-1', ACTORS.admin)).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(closeS()).thenFails('COUNCIL_NOT_FOUND');
  });
});
