/** User-facing words of the long-connection modes, kept together for review. */
export const SOCKET_TEXTS = {
  /** The database refused the message: nothing was stored, and WeCom's long connection has no ack to withhold. */
  notStored: '⚠️ 系统暂时无法记录这条消息（数据库不可用），内容未保存。请 1 分钟后重新发送。',
};
