/** Reply templates about what the platforms deliver (voice, pictures), in one place for review. */
export const P = {
  voiceNeedsText: '收到语音，但没有识别出文字。请用文字描述隐患，例如：@我 三楼楼梯口堆放杂物',
  voiceNote: '🎤 由语音转写，请核对文字',
  photoAttached: (code: string, kind: 'report' | 'after', count: number) => `📷 已附到 ${code}（${kind === 'after' ? '整改后照片' : '现场照片'} ${count} 张）`,
  photoNote: (count: number) => `📷 已附照片 ${count} 张`,
  photoFailed: (reasons: string[]) => `⚠️ ${reasons.length} 张照片没能收下：${[...new Set(reasons)].join('；')}。请重新发送照片。`,
  photoNoReport: '收到照片，但你 10 分钟内没有上报或整改隐患，不知道该附到哪条。请先 /隐患 描述，再发照片。',
};
