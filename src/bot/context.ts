import type { ChatGroup, Member, Unit } from '../services/types';
import type { Logger } from '../log/logger';
import type { IncomingMessage } from '../platforms/types';
import type { OutgoingMessage } from '../services/outbox/outbox.types';
import type { Services } from '../services/container';

/** One per inbound message: who, where, and how to answer, without knowing which platform carries it. */
export interface BotContext {
  msg: IncomingMessage;
  inboundId: number;
  group: ChatGroup;
  member: Member | null;
  unit: Unit | null;
  now: number;
  services: Services;
  log: Logger;
  reply(markdown: string | OutgoingMessage): Promise<void>;
}

export interface Command {
  name: string;
  aliases: string[];
  usage: string;
  summary: string;
  /** Shown in /帮助 under this heading. */
  section: '上报与整改' | '提醒与报送' | '季报' | '进度' | '单位与成员';
  run(ctx: BotContext, args: string): Promise<void>;
}
