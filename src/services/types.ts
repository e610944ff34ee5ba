// The domain rows chat code passes around, re-exported so that src/bot/ never imports entities itself.
export type { ChatGroup, Platform, PushKind } from '../../entities/chat-group.entity';
export type { Member, Role } from '../../entities/member.entity';
export type { Unit } from '../../entities/unit.entity';
