import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEnvelope, WecomCryptoError } from '../../src/platforms/wecom/crypto';
import { decodeAppXml, decodeAppJson, parseXml } from '../../src/platforms/wecom/decode';
import { stripMentions } from '../../src/platforms/types';

const vectors = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/wecom/wecom-vectors.json'), 'utf8'));

describe('WXBizMsgCrypt with the official vectors', () => {
  for (const set of ['setA', 'setB'] as const) {
    const v = vectors[set];
    for (const c of v.cases) {
      it(`${set} ${c.name}`, () => {
        const run = () => openEnvelope({ token: v.token, aesKey: v.encodingAESKey }, v.receiveid, c, c.encrypt);
        if (c.expectSigFail || c.expectFail) {
          expect(run).toThrow(WecomCryptoError);
          return;
        }
        const plain = run();
        if (c.name.startsWith('A1')) expect(plain).toBe('1616140317555161061');
        if (c.name.startsWith('B1')) expect(plain).toBe('1288432023552776189');
        if (c.name.startsWith('A2')) {
          const m = decodeAppXml(plain, 0)!;
          expect(m.msgId).toBe('4561255354251345929');
          expect(m.text).toBe('hello');
          expect(m.senderId).toBe('mycreate');
        }
        if (c.name.startsWith('A3')) expect(decodeAppJson(plain, 0)!.msgId).toBe('4561255354251345929');
        if (c.name.startsWith('B2')) expect(decodeAppXml(plain, 0)!.text).toBe('你好');
      });
    }
  }

  it('refuses a correct signature whose plaintext names another receiver', () => {
    const v = vectors.setA;
    const c = v.cases[1];
    expect(() => openEnvelope({ token: v.token, aesKey: v.encodingAESKey }, 'another-corp', c, c.encrypt)).toThrow(/receiveid/);
  });
});

describe('XML parsing keeps text as text', () => {
  it('does not coerce CDATA numbers or expand entities', () => {
    const x = parseXml('<xml><Content><![CDATA[ 007 ]]></Content><MsgId>4561255354251345929</MsgId></xml>');
    expect(x.Content).toBe(' 007 ');
    expect(x.MsgId).toBe('4561255354251345929');
  });
  it('refuses entity declarations', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>')).toThrow(/DOCTYPE/);
  });
  it('refuses malformed XML', () => {
    expect(() => parseXml('<xml><Content>oops</xml>')).toThrow();
  });
});

describe('mentions', () => {
  it('strips leading @bot, keeps the command', () => {
    expect(stripMentions('@安全助手 /帮助').text).toBe('/帮助');
    expect(stripMentions(' 你好').text).toBe('你好');
    expect(stripMentions('@安全助手/隐患 楼梯').text).toBe('/隐患 楼梯');
    expect(stripMentions('@RobotA\u2005hello robot').text).toBe('hello robot');
  });
});
