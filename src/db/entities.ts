import { AppSettingEntity } from '../../entities/app-setting.entity';
import { AuditLogEntity } from '../../entities/audit-log.entity';
import { ChatGroupEntity } from '../../entities/chat-group.entity';
import { InboundMessageEntity } from '../../entities/inbound-message.entity';
import { MediaEntity } from '../../entities/media.entity';
import { MemberEntity } from '../../entities/member.entity';
import { OutboxMessageEntity } from '../../entities/outbox-message.entity';
import { SandboxMessageEntity } from '../../entities/sandbox-message.entity';
import { UnitEntity } from '../../entities/unit.entity';
import { HazardEntity } from '../../entities/hazard.entity';
import { HazardEventEntity } from '../../entities/hazard-event.entity';
import { HazardPhotoEntity } from '../../entities/hazard-photo.entity';
import { SupervisionEntity } from '../../entities/supervision.entity';
import { DeadlineEntity } from '../../entities/deadline.entity';
import { FilingEntity } from '../../entities/filing.entity';
import { UnitTargetEntity } from '../../entities/unit-target.entity';
import { ConnectionLeaseEntity } from '../../entities/connection-lease.entity';
import { CombinedJudgementEntity } from '../../entities/combined-judgement.entity';
import { ConversationAskEntity } from '../../entities/conversation-ask.entity';
import { NoticeClaimEntity } from '../../entities/notice-claim.entity';
import { JoinCodeEntity } from '../../entities/join-code.entity';
import { CallbackProofEntity } from '../../entities/callback-proof.entity';
import { PendingInputEntity } from '../../entities/pending-input.entity';
import { QuarterlySubmissionEntity } from '../../entities/quarterly-submission.entity';
import { QuarterlyValueEntity } from '../../entities/quarterly-value.entity';
import { QuarterlyValueHistoryEntity } from '../../entities/quarterly-value-history.entity';
import { DingtalkCardEntity } from '../../entities/dingtalk-card.entity';
import { RobotRateEntity } from '../../entities/robot-rate.entity';

export const ENTITIES = [
  UnitEntity, ChatGroupEntity, MemberEntity, InboundMessageEntity, AuditLogEntity, OutboxMessageEntity,
  AppSettingEntity, SandboxMessageEntity, MediaEntity,
  HazardEntity, HazardEventEntity, HazardPhotoEntity, SupervisionEntity,
  DeadlineEntity, FilingEntity,
  UnitTargetEntity,
  ConnectionLeaseEntity,
  CombinedJudgementEntity,
  ConversationAskEntity, NoticeClaimEntity,
  JoinCodeEntity, CallbackProofEntity,
  PendingInputEntity,
  QuarterlySubmissionEntity, QuarterlyValueEntity, QuarterlyValueHistoryEntity,
  DingtalkCardEntity,
  RobotRateEntity,
];
