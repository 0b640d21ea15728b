import type { CommandMetadata } from '../shared/command-metadata';
import type { CouncilMember } from './council-events';

export type ConstituteCouncil = {
  type: 'ConstituteCouncil';
  data: { councilId: string; name: string; members: CouncilMember[] };
  metadata: CommandMetadata;
};

export type AddCouncilMember = {
  type: 'AddCouncilMember';
  data: { councilId: string; member: CouncilMember };
  metadata: CommandMetadata;
};

export type RemoveCouncilMember = {
  type: 'RemoveCouncilMember';
  data: { councilId: string; memberId: string; reason: string };
  metadata: CommandMetadata;
};

export type OpenSession = {
  type: 'OpenSession';
  data: { councilId: string; sessionId: string; present: string[] };
  metadata: CommandMetadata;
};

export type CloseSession = {
  type: 'CloseSession';
  data: { councilId: string; sessionId: string };
  metadata: CommandMetadata;
};

export type CouncilCommand = ConstituteCouncil | AddCouncilMember | RemoveCouncilMember | OpenSession | CloseSession;
