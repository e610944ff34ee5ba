import { FakePlatform, textOf } from './fake-platform';
import { dingtalkRequest } from './platform-sim';

/**
 * A DingTalk group as the tests see it: `say` sends a signed callback and returns the bot's reply to that
 * message (read from the message's own sessionWebhook on the fake platform).
 */
export class DingtalkChat {
  /**
   * Who an `@名字` in the text is, as the DingTalk client knows it when someone picks a person to mention: the client
   * then sends their staffId in atUsers. Only names listed here become mentions (explicit `atUsers` wins).
   */
  mentionIds: Record<string, string> = {};

  constructor(private readonly base: string, private readonly fake: FakePlatform, readonly chatId: string) {}

  async send(userId: string, nick: string, text: string, extra: Partial<Parameters<typeof dingtalkRequest>[2]> = {}): Promise<{ status: number; session: string; msgId: string }> {
    if (!extra.atUsers) {
      const picked = Object.entries(this.mentionIds).filter(([name]) => text.includes(`@${name}`)).map(([, staffId]) => ({ staffId }));
      if (picked.length) extra = { ...extra, atUsers: picked };
    }
    const req = dingtalkRequest(this.base, this.fake.url, { userId, nick, chatId: this.chatId, text, ...extra });
    const res = await fetch(req.url, req.init);
    const session = new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session')!;
    return { status: res.status, session, msgId: req.msgId };
  }

  async say(userId: string, nick: string, text: string, extra: Partial<Parameters<typeof dingtalkRequest>[2]> = {}): Promise<string> {
    const { session } = await this.send(userId, nick, text, extra);
    return this.replyTo(session);
  }

  async replyTo(session: string, timeoutMs = 10_000): Promise<string> {
    const hit = await this.fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session, timeoutMs);
    return textOf(hit);
  }
}
