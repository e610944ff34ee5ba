// What a person sees when they open an expired or bad link from a chat: a page, not JSON, saying what to do.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function linkErrorPage(status: number, message: string): string {
  const title = status === 403 && /过期|expired/.test(message) ? '链接已过期' : status === 404 ? '没有找到' : '链接无效';
  const next = message.includes('请') ? message : '请回到群里重新发指令获取新的链接（例如 /导出 台账、/季报 导出）。';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · 校园安全助手</title><link rel="icon" href="/favicon.ico">
<style>body{font:16px/1.6 system-ui,"Noto Sans SC",sans-serif;margin:0;background:#f4f6f8;color:#212529}main{max-width:30rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}h1{font-size:1.3rem;margin:0 0 .6rem}p{margin:.4rem 0;color:#495057}</style>
</head><body><main><h1>${esc(title)}</h1><p>${esc(next)}</p><p>下载链接只在短时间内有效，并且只对本单位有效。</p></main></body></html>`;
}

/** Browsers ask for HTML; API clients and the platforms keep getting JSON. */
export function wantsHtml(method: string, accept: string | undefined): boolean {
  return method === 'GET' && (accept ?? '').includes('text/html');
}
