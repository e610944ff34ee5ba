/** The one neutral message every platform decodes into; nothing past the adapters sees platform payloads. */
export type PlatformName = 'wecom' | 'dingtalk' | 'local';

/** How an answer to this message can reach the group without a stored push credential. */
export type ReplyRoute =
  | { kind: 'wecom_response_url'; url: string }
  | { kind: 'dingtalk_session'; url: string; expiresAt: number }
  /** WeCom long connection: answer through the callback's req_id; `chatId` is where aibot_send_msg reaches the chat. */
  | { kind: 'wecom_ws'; reqId: string; chatId: string }
  /** A tap on a DingTalk StandardCard (DINGTALK_CARDS=interactive): the answer updates that card in place. */
  | { kind: 'dingtalk_card'; cardBizId: string }
  | { kind: 'local' }
  | { kind: 'none' };

/** A picture attached to a message, fetched later (never on the ack path). */
export type ImageRef =
  | { kind: 'wecom_url'; url: string; aesKeyName: 'bot' }
  /** Long-connection pictures carry their own key (doc 101463 多媒体资源解密). */
  | { kind: 'wecom_ws_url'; url: string; aesKey: string }
  | { kind: 'dingtalk_download'; downloadCode: string; robotCode: string }
  | { kind: 'data_url'; dataUrl: string }
  /** A plain download link (the self-built app's PicUrl). */
  | { kind: 'plain_url'; url: string }
  /** Already downloaded at intake and stored (media table). */
  | { kind: 'media'; mediaId: number }
  /** Could not be downloaded at intake: why, in words for the sender. */
  | { kind: 'failed'; reason: string };

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
  /** The text is a voice message's transcription (WeCom voice.content, DingTalk audio.recognition); `false`: a voice
   *  message without one. */
  voice?: boolean;
  /** DingTalk robot that received it (for downloads and group pushes). */
  robotCode?: string;
  /** DingTalk corp of the robot (chatbotCorpId), checked against DINGTALK_CORP_ID when that is set. */
  corpId?: string;
  /** Platform user ids of the people @-mentioned (the bot excluded), as the platform sent them; never display names. */
  mentions?: string[];
  /** The sender is not staff of the organisation (DingTalk external user, WeCom external contact): never registered. */
  external?: boolean;
  /** Set when the message is a tap on a card button: the version the card showed, and the card to update in place. */
  tap?: { key: string; version: number | null; taskId?: string };
}

/** WeCom external contacts' ids (external_userid) are "wm…"/"wo…" and 32 characters; staff userids are the 账号. */
export function isWecomExternalId(userId: string): boolean {
  return /^w[mo][A-Za-z0-9_-]{26,}$/.test(userId);
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

/** A picture as a platform handed it over: downloaded, decrypted and checked, or why it could not be had. */
export type FetchedMedia = { ok: true; bytes: Buffer; mime: string } | { ok: false; reason: string; detail: string };

/**
 * How one platform's picture references (a WeCom encrypted url, a DingTalk downloadCode, a data url) become bytes.
 * Services fetch a message's pictures through the source of the platform the message came from; the platforms
 * implement it (src/platforms/media-fetch.ts) and the composition root hands it over (Services.media).
 */
export interface MediaSource {
  fetch(ref: ImageRef, receivedAt: number): Promise<FetchedMedia>;
}

export type MediaSources = Record<PlatformName, MediaSource>;
