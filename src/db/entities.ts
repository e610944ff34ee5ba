import { AppSettingEntity } from '../../entities/app-setting.entity';
import { AuditLogEntity } from '../../entities/audit-log.entity';
import { ChatGroupEntity } from '../../entities/chat-group.entity';
import { InboundMessageEntity } from '../../entities/inbound-message.entity';
import { MediaEntity } from '../../entities/media.entity';
import { MemberEntity } from '../../entities/member.entity';
import { OutboxMessageEntity } from '../../entities/outbox-message.entity';
import { SandboxMessageEntity } from '../../entities/sandbox-message.entity';
import { UnitEntity } from '../../entities/unit.entity';

export const ENTITIES = [
  UnitEntity, ChatGroupEntity, MemberEntity, InboundMessageEntity, AuditLogEntity, OutboxMessageEntity,
  AppSettingEntity, SandboxMessageEntity, MediaEntity,
];
