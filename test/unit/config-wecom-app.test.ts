import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config';

describe('WECOM_CORP_SECRET and WECOM_AGENT_ID', () => {
  const app = { WECOM_TOKEN: 't', WECOM_ENCODING_AES_KEY: 'a'.repeat(43), WECOM_CORP_ID: 'ww1' };

  it('are optional: the app callback alone is valid, with no sender', () => {
    expect(readConfig(app).wecomAppSender).toBeUndefined();
    expect(readConfig({}).wecomAppSender).toBeUndefined();
  });

  it('make the app sender together with WECOM_CORP_ID', () => {
    expect(readConfig({ ...app, WECOM_CORP_SECRET: 's3cret', WECOM_AGENT_ID: '1000002' }).wecomAppSender).toEqual({ corpId: 'ww1', secret: 's3cret', agentId: 1000002 });
  });

  it('name the missing variable when only one is set, and refuse a non-numeric AgentId', () => {
    expect(() => readConfig({ ...app, WECOM_CORP_SECRET: 's3cret' })).toThrow(new ConfigError('WECOM_AGENT_ID: required when WECOM_CORP_SECRET is set'));
    expect(() => readConfig({ ...app, WECOM_CORP_SECRET: 's3cret', WECOM_AGENT_ID: 'abc' })).toThrow(/WECOM_AGENT_ID/);
  });
});
