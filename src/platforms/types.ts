/** The one neutral message every platform decodes into; nothing past the adapters sees platform payloads. */
export type PlatformName = 'wecom' | 'dingtalk' | 'local';

/** How an answer to this message can reach the group without a stored push credential. */
export type ReplyRoute =
  | { kind: 'wecom_response_url'; url: string }
  | { kind: 'dingtalk_session'; url: string; expiresAt: number }
  /** WeCom long connection: answer through the callback's req_id; `chatId` is where aibot_send_msg reaches the chat. */
  | { kind: 'wecom_ws'; reqId: string; chatId: string }
  | { kind: 'local' }
  | { kind: 'none' };

/** A picture attached to a message, fetched later (never on the ack path). */
export type ImageRef =
  | { kind: 'wecom_url'; url: string; aesKeyName: 'bot' }
  /** Long-connection pictures carry their own key (doc 101463 多媒体资源解密). */
  | { kind: 'wecom_ws_url'; url: string; aesKey: string }
  | { kind: 'dingtalk_download'; downloadCode: string; robotCode: string }
  | { kind: 'data_url'; dataUrl: string };

export interface IncomingMessage {
  platform: PlatformName;
  msgId: string;
  chatId: string;
  chatType: 'group' | 'single';
  chatName?: string;
  senderId: string;
  senderName?: string;
  /** Text with the @bot prefix stripped and trimmed. */
  text: string;
  mentioned: boolean;
  images: ImageRef[];
  /** Epoch ms. */
  receivedAt: number;
  reply: ReplyRoute;
  /** DingTalk robot that received it (for downloads and group pushes). */
  robotCode?: string;
  /** Set when the message is a tap on a card button: the version the card showed, and the card to update in place. */
  tap?: { key: string; version: number | null; taskId?: string };
}

/** Strips leading @mentions ("@安全助手 /帮助", "@RobotA\u2005hello") the platforms leave in text. */
export function stripMentions(raw: string): { text: string; hadMention: boolean } {
  let text = raw.replace(/^[\s\u2005\u00a0]+/, '');
  let hadMention = false;
  for (;;) {
    const m = /^@[^\s\u2005\u00a0]+[\s\u2005\u00a0]*/.exec(text);
    if (!m) break;
    // "@安全助手/隐患 …" (no space) keeps the command
    const slash = m[0].search(/[/／]/);
    if (slash > 0) {
      text = text.slice(slash);
      hadMention = true;
      break;
    }
    text = text.slice(m[0].length);
    hadMention = true;
  }
  return { text: text.trim(), hadMention };
}
