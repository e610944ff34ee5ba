import { describe, expect, it } from 'vitest';
import { splitMessages } from '../../../../src/services/outbox/outbox.service';

describe('splitMessages: one outbox row per platform message', () => {
  it('a message without pictures stays one row', () => {
    expect(splitMessages({ dedupeKey: 'k', kind: 'reply', route: { kind: 'group', groupId: 1 }, body: { markdown: 'hi' } })).toEqual([
      { key: 'k', after: null, route: { kind: 'group', groupId: 1 }, body: { markdown: 'hi' } },
    ]);
  });

  it('text, then each picture waiting for the row before it; a response_url is spent by the text only', () => {
    const route = { kind: 'wecom_response_url' as const, url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x', groupId: 7 };
    const rows = splitMessages({ dedupeKey: 'reply:9:0', kind: 'reply', route, body: { markdown: '**周报**', title: '周报', imageMediaIds: [11, 12] } });
    expect(rows.map((r) => [r.key, r.after, r.route.kind, r.body.imageMediaId ?? null])).toEqual([
      ['reply:9:0', null, 'wecom_response_url', null],
      ['reply:9:0#img0', 'reply:9:0', 'group', 11],
      ['reply:9:0#img1', 'reply:9:0#img0', 'group', 12],
    ]);
    expect(rows[0].body).toEqual({ markdown: '**周报**', title: '周报' });
  });

  it('pictures without text: the first picture keeps the key', () => {
    const rows = splitMessages({ dedupeKey: 'p', kind: 'digest', route: { kind: 'group', groupId: 1 }, body: { markdown: ' ', imageMediaIds: [5] } });
    expect(rows).toEqual([{ key: 'p', after: null, route: { kind: 'group', groupId: 1 }, body: { markdown: '', title: undefined, imageMediaId: 5 } }]);
  });

  it('keys stay within the 191-character column', () => {
    const rows = splitMessages({ dedupeKey: 'x'.repeat(300), kind: 'digest', route: { kind: 'group', groupId: 1 }, body: { markdown: 't', imageMediaIds: [1, 2] } });
    expect(rows.every((r) => r.key.length <= 191)).toBe(true);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });
});
