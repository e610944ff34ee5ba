// The org domain's types, for code above the services (chat commands, routes) that must not reach into entities/.
export type { Unit, UnitKind } from '../../../entities/unit.entity';
export type { Member, Role } from '../../../entities/member.entity';
export { ROLES } from '../../../entities/member.entity';
export type { ChatGroup, Platform, PushKind } from '../../../entities/chat-group.entity';
