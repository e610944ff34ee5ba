// Sandbox chat page: plain browser JS, no build step. Talks to /sandbox/api/* (see page contract).
'use strict';

const API = '/sandbox/api';
const POLL_MS = 700;
const TZ = 'Asia/Shanghai'; // schools run on Beijing time whatever the evaluator's browser says
const ROLE_LABELS = { teacher: '教师', safety_officer: '安全员', principal: '校长', district_admin: '区教育局管理员', city_admin: '市教育局管理员' };
const BOT_NAME = '安全助手';

const $ = (id) => document.getElementById(id);
const els = {
  groupSelect: $('group-select'), memberSelect: $('member-select'), groupList: $('group-list'),
  messages: $('messages'), list: $('message-list'), input: $('message-input'), send: $('send-button'), mention: $('mention-toggle'),
  photo: $('photo-input'), photoPreview: $('photo-preview'), photoRemove: $('photo-remove'), error: $('send-error'),
  clockForm: $('clock-form'), clockInput: $('clock-input'), clockNow: $('clock-now'), clockReset: $('clock-reset'),
  otherUnread: $('other-unread'), toast: $('toast'), can: $('member-can'),
};

const state = {
  now: null, groups: [], members: [], stateKey: '',
  groupId: null, userId: null,
  byGroup: new Map(), // groupId -> messages[]
  unread: new Map(), // groupId -> count
  lastSeq: 0, loaded: false, photo: null, sending: false, clockEdited: false,
  pinned: true, // chat view follows new messages while the reader is at the bottom
};

// ---------- helpers ----------
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function api(path, body) {
  const res = await fetch(API + path, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch { /* non-JSON error page */ }
  if (!res.ok) throw new Error((data && data.error) || `HTTP ${res.status}`);
  return data;
}

const fmt = (iso, opts) => new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour12: false, ...opts }).format(new Date(iso));
function fmtNow(iso) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour12: false, year: 'numeric', month: 'numeric',
    day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}年${p.month}月${p.day}日 ${p.weekday} ${p.hour}:${p.minute}`;
}
const fmtTime = (iso) => fmt(iso, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

// datetime-local has no zone; we read/write it as Beijing time (fixed +08:00, China has no DST).
function toLocalInput(iso) {
  const d = new Date(new Date(iso).getTime() + 8 * 3600e3);
  return d.toISOString().slice(0, 16);
}
const fromLocalInput = (v) => new Date(v + ':00+08:00').toISOString();

function toast(text) {
  els.toast.textContent = text;
  els.toast.hidden = false;
  clearTimeout(toast.t);
  toast.t = setTimeout(() => { els.toast.hidden = true; }, 3500);
}

function showError(text) {
  els.error.textContent = text;
  els.error.hidden = !text;
}

function avatarColor(name) {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)) % 360;
  return `hsl(${h} 55% 52%)`;
}

// ---------- markdown (the subset WeCom/DingTalk bot messages use) ----------
// Input is escaped first, so only the constructs below ever become HTML.
function safeUrl(u) {
  const url = u.replace(/&amp;/g, '&');
  return /^(https?:\/\/|\/(?!\/)|data:image\/)/i.test(url) ? esc(url) : null;
}

function inline(text) {
  const codes = [];
  // A backslash escape (the bot writes \_ \* \[ … for text people typed) shows the character itself, as the
  // platforms render it: set it aside before any markup is read, put it back (escaped) at the end.
  const literals = [];
  const unescaped = String(text).replace(/\\([\\`*_#>\[\]<@!()~|-])/g, (_, c) => `\u0002${literals.push(c) - 1}\u0002`);
  let s = esc(unescaped).replace(/`([^`]+)`/g, (_, c) => `\u0000${codes.push(c) - 1}\u0000`);
  s = s.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (m, alt, u) => {
    const url = safeUrl(u);
    return url ? `<img class="md-img" src="${url}" alt="${alt}" loading="lazy">` : m;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label, u) => {
    const url = safeUrl(u);
    return url ? `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
  });
  s = s.replace(/\*\*([^*]+?)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/&lt;font\s+color=(?:&quot;|&#39;)?(warning|info|comment)(?:&quot;|&#39;)?&gt;([\s\S]*?)&lt;\/font&gt;/gi,
    (_, c, body) => `<span class="md-${c.toLowerCase()}">${body}</span>`);
  s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => `<code>${codes[+i]}</code>`);
  return s.replace(/\u0002(\d+)\u0002/g, (_, i) => esc(literals[+i]));
}

function renderMarkdown(md) {
  const out = [];
  let list = null; // 'ul' | 'ol' while inside a list
  let quote = [];
  const closeList = () => { if (list) { out.push(`</${list}>`); list = null; } };
  const closeQuote = () => { if (quote.length) { out.push(`<blockquote>${quote.join('<br>')}</blockquote>`); quote = []; } };
  for (const raw of String(md).replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    let m;
    if ((m = /^>\s?(.*)$/.exec(line))) { closeList(); quote.push(inline(m[1])); continue; }
    closeQuote();
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) { closeList(); out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`); continue; }
    if ((m = /^\s*[-*+]\s+(.*)$/.exec(line)) || (m = /^\s*\d+[.)]\s+(.*)$/.exec(line))) {
      const kind = /^\s*\d/.test(line) ? 'ol' : 'ul';
      if (list !== kind) { closeList(); out.push(`<${kind}>`); list = kind; }
      out.push(`<li>${inline(m[1])}</li>`);
      continue;
    }
    closeList();
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) { out.push('<hr>'); continue; }
    out.push(line ? `<p>${inline(line)}</p>` : '<p class="md-gap"></p>');
  }
  closeQuote();
  closeList();
  return out.join('');
}

// ---------- rendering ----------
const groupById = (id) => state.groups.find((g) => g.id === id);
const memberById = (id) => state.members.find((m) => m.userId === id);
const roleLabel = (m) => m.roleLabel || ROLE_LABELS[m.role] || m.role;

function renderGroups() {
  const opts = state.groups.map((g) => {
    const n = state.unread.get(g.id) || 0;
    return `<option value="${esc(g.id)}">${esc(g.name)}${n ? `（${n} 条未读）` : ''}</option>`;
  });
  els.groupSelect.innerHTML = opts.join('');
  els.groupSelect.value = state.groupId || '';
  els.groupList.innerHTML = state.groups.map((g) => {
    const n = state.unread.get(g.id) || 0;
    const msgs = state.byGroup.get(g.id) || [];
    const last = msgs[msgs.length - 1];
    const preview = last ? `${last.senderName}：${last.text || plainPreview(last.markdown) || (last.imageUrls.length ? '[图片]' : '')}` : g.unitName;
    return `<li class="group-item${g.id === state.groupId ? ' active' : ''}" data-testid="group-item" data-group-id="${esc(g.id)}" tabindex="0">
      <span class="group-avatar" style="background:${avatarColor(g.unitName || g.name)}">${esc((g.unitName || g.name).slice(0, 1))}</span>
      <span class="group-text"><span class="group-name">${esc(g.name)}</span><span class="group-preview">${esc(preview)}</span></span>
      ${last ? `<span class="group-time">${esc(fmt(last.at, { hour: '2-digit', minute: '2-digit' }))}</span>` : ''}
      ${n ? `<span class="badge" data-testid="unread-badge">${n > 99 ? '99+' : n}</span>` : ''}
    </li>`;
  }).join('');
  const others = [...state.unread.entries()].filter(([id]) => id !== state.groupId).reduce((a, [, n]) => a + n, 0);
  els.otherUnread.hidden = !others;
  els.otherUnread.textContent = others ? `其他群 ${others} 条未读` : '';
}

function plainPreview(md) {
  return (md || '').replace(/<[^>]+>/g, '').replace(/[#>*`]|!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim().slice(0, 40);
}

const ROLE_ORDER = ['teacher', 'safety_officer', 'principal', 'district_admin', 'city_admin'];
function renderMembers() {
  const group = groupById(state.groupId);
  const own = (m) => (group && m.unitName === group.unitName ? 0 : 1);
  // The group's own people first (teachers first), bureau staff after.
  const inGroup = state.members.filter((m) => m.groupIds.includes(state.groupId))
    .sort((a, b) => own(a) - own(b) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  if (!inGroup.some((m) => m.userId === state.userId)) state.userId = inGroup[0] ? inGroup[0].userId : null;
  els.memberSelect.innerHTML = inGroup.map((m) =>
    `<option value="${esc(m.userId)}">${esc(m.name)} · ${esc(roleLabel(m))}${m.unitName ? `（${esc(m.unitName)}）` : ''}</option>`).join('')
    || '<option value="">（此群没有可用成员）</option>';
  els.memberSelect.value = state.userId || '';
  renderCan();
}

// Who can do what: the persona switcher says it under the select (the same list /帮助 gives that person).
function renderCan() {
  const m = memberById(state.userId);
  els.can.textContent = m && m.can ? `${roleLabel(m)}可以：${m.can}` : '';
  els.can.hidden = !els.can.textContent;
}

// ---------- cards (as WeCom shows a button_interaction template card; DingTalk shows the same buttons under an ActionCard) ----------
const cardsByTask = new Map(); // taskId -> latest card, so a card updated by a tap shows its new state in place

/** The buttons under a message, as DingTalk shows an ActionCard (the message text above them). */
function cardButtonsHtml(card) {
  const buttons = (card.buttons || []).map((b) =>
    `<button type="button" class="card-btn card-btn-${esc(b.style)}" data-testid="card-button" data-key="${esc(b.key)}" data-task="${esc(card.taskId)}" data-label="${esc(b.label)}"${b.asks ? ` title="${esc(b.asks)}"` : ''}>${esc(b.label)}</button>`).join('');
  return `<div class="card-actions" data-testid="card-actions" data-task="${esc(card.taskId)}">${buttons ? `<div class="card-buttons">${buttons}</div>` : `<div class="card-done">${esc(card.done || '已处理')}</div>`}</div>`;
}

/** The same card as WeCom shows a button_interaction template card. */
function cardHtml(card) {
  const facts = (card.facts || []).map((f) => `<div class="card-fact"><span class="card-key">${esc(f.label)}</span><span class="card-val">${esc(f.value)}</span></div>`).join('');
  const buttons = (card.buttons || []).map((b) =>
    `<span class="card-btn card-btn-preview card-btn-${esc(b.style)}">${esc(b.label)}</span>`).join('');
  const done = !buttons && card.done ? `<div class="card-done">${esc(card.done)}</div>` : '';
  return `<div class="card" data-testid="card" data-task="${esc(card.taskId)}">
    <div class="card-source">校园安全助手</div>
    <div class="card-title">${esc(card.title)}</div>${card.desc ? `<div class="card-desc">${esc(card.desc)}</div>` : ''}
    ${card.body ? `<div class="card-body">${esc(card.body)}</div>` : ''}
    <div class="card-facts">${facts}</div>${buttons ? `<div class="card-buttons">${buttons}</div>` : ''}${done}</div>`;
}

async function tap(btn) {
  if (!state.userId) { showError('请选择“我是”哪位成员'); return; }
  btn.disabled = true;
  try {
    await api('/send', { groupId: state.groupId, userId: state.userId, text: '', mention: true, tap: { key: btn.dataset.key, taskId: btn.dataset.task, label: btn.dataset.label } });
    await poll();
  } catch (e) {
    showError(`操作失败：${e.message}`);
  } finally {
    btn.disabled = false;
  }
}

function messageHtml(msg, prev) {
  const me = memberById(state.userId);
  const mine = msg.direction === 'in' && me && msg.senderName === me.name;
  const bot = msg.direction === 'out';
  const gap = !prev || new Date(msg.at) - new Date(prev.at) > 5 * 60e3;
  const stamp = gap ? `<div class="stamp">${esc(fmtTime(msg.at))}</div>` : '';
  let body;
  if (bot) body = msg.markdown ? `<div class="md">${renderMarkdown(msg.markdown)}</div>` : `<div class="md"><p>${esc(msg.text || '')}</p></div>`;
  else body = msg.text ? `<div class="text">${esc(msg.text).replace(/^@安全助手/, '<span class="at">@安全助手</span>').replace(/\n/g, '<br>')}</div>` : '';
  // The first message of a card carries its buttons (always those of the card's latest state: a tap updates the
  // card in place, as WeCom does); a tap's answer shows its text. 企业微信 shows the card itself: see the preview.
  if (bot && msg.card && !msg.card.updates) {
    const latest = cardsByTask.get(msg.card.taskId) || msg.card;
    body += `${cardButtonsHtml(latest)}<details class="card-text"><summary>企业微信中的样子</summary>${cardHtml(latest)}</details>`;
  }
  const imgs = (msg.imageUrls || []).map((u) => {
    const url = safeUrl(esc(u));
    return url ? `<a href="${url}" target="_blank" rel="noopener"><img class="msg-img" src="${url}" alt="图片"></a>` : '';
  }).join('');
  const name = bot ? BOT_NAME : msg.senderName;
  const avatar = bot ? '<span class="avatar avatar-bot">安</span>'
    : `<span class="avatar" style="background:${avatarColor(name)}">${esc(name.slice(0, 1))}</span>`;
  return `${stamp}<div class="msg${mine ? ' mine' : ''}${bot ? ' bot' : ''}" data-direction="${msg.direction}" data-seq="${msg.seq}" data-testid="message">
    ${avatar}<div class="bubble-wrap"><div class="sender">${esc(name)}${bot ? '<span class="bot-tag">机器人</span>' : ''}</div>
    <div class="bubble">${body}${imgs}</div></div></div>`;
}

function renderMessages() {
  const msgs = state.byGroup.get(state.groupId) || [];
  els.list.innerHTML = msgs.length
    ? msgs.map((m, i) => messageHtml(m, msgs[i - 1])).join('')
    : `<div class="empty">还没有消息。<br>以群成员身份发一条，比如“<b>@安全助手 教学楼三楼消防通道被杂物堵住了</b>”，也可以附上照片。</div>`;
  scrollToEnd();
}

function scrollToEnd() {
  els.messages.scrollTop = els.messages.scrollHeight;
  state.pinned = true;
}

function appendMessages(newMsgs) {
  const all = state.byGroup.get(state.groupId) || [];
  if (all.length === newMsgs.length) { renderMessages(); return; } // replaces the empty-state hint
  let prev = all[all.length - newMsgs.length - 1];
  for (const m of newMsgs) { els.list.insertAdjacentHTML('beforeend', messageHtml(m, prev)); prev = m; }
  if (state.pinned || newMsgs.some((m) => m.direction === 'in')) scrollToEnd();
}

// ---------- data flow ----------
async function loadState() {
  const s = await api('/state');
  state.now = s.now;
  els.clockNow.textContent = fmtNow(s.now);
  if (!state.clockEdited) els.clockInput.value = toLocalInput(s.now);
  const key = JSON.stringify([s.groups, s.members]);
  if (key === state.stateKey) return; // keep the selects untouched while nothing changed
  state.stateKey = key;
  state.groups = s.groups;
  state.members = s.members;
  // A newcomer starts where most people are: as a teacher in a school's group, not as the city's administrator.
  if (!groupById(state.groupId)) {
    const teacher = s.members.find((m) => m.role === 'teacher' && m.groupIds.length && !/教育局$/.test(m.unitName));
    const start = teacher && s.groups.find((g) => teacher.groupIds.includes(g.id) && g.unitName === teacher.unitName);
    state.groupId = start ? start.id : s.groups[0] ? s.groups[0].id : null;
    if (teacher && !state.userId) state.userId = teacher.userId;
  }
  renderGroups();
  renderMembers();
  renderMessages();
}

let polling = false;
async function poll() {
  if (polling) return; // a send/clock action may ask for a poll while one is in flight
  polling = true;
  try {
    const { messages } = await api(`/messages?after=${state.lastSeq}`);
    const forCurrent = [];
    for (const m of messages) {
      if (m.seq <= state.lastSeq) continue;
      state.lastSeq = m.seq;
      if (m.card) {
        // A card with a task id seen before is that card's new state (WeCom updates it in place).
        if (cardsByTask.has(m.card.taskId)) m.card.updates = true;
        cardsByTask.set(m.card.taskId, m.card);
        if (m.card.updates) {
          document.querySelectorAll(`.card-actions[data-task="${CSS.escape(m.card.taskId)}"]`).forEach((el) => { el.outerHTML = cardButtonsHtml(m.card); });
          document.querySelectorAll(`.card[data-task="${CSS.escape(m.card.taskId)}"]`).forEach((el) => { el.outerHTML = cardHtml(m.card); });
        }
      }
      if (!state.byGroup.has(m.groupId)) state.byGroup.set(m.groupId, []);
      state.byGroup.get(m.groupId).push(m);
      if (m.groupId === state.groupId) forCurrent.push(m);
      // History present at page load counts as read; only later arrivals raise badges.
      else if (state.loaded) state.unread.set(m.groupId, (state.unread.get(m.groupId) || 0) + 1);
    }
    if (!state.loaded) { state.loaded = true; renderMessages(); renderGroups(); }
    else if (messages.length) { if (forCurrent.length) appendMessages(forCurrent); renderGroups(); }
  } catch (e) {
    console.warn('poll failed', e);
  } finally {
    polling = false;
  }
}

function selectGroup(id) {
  if (!groupById(id) || id === state.groupId) return;
  state.groupId = id;
  state.unread.delete(id);
  showError('');
  renderGroups();
  renderMembers();
  renderMessages();
}

async function send() {
  if (state.sending) return;
  const text = els.input.value.trim();
  if (!text && !state.photo) { showError('请输入消息内容或选择一张照片'); return; }
  if (!state.userId) { showError('请选择“我是”哪位成员'); return; }
  state.sending = true;
  els.send.disabled = true;
  showError('');
  try {
    await api('/send', {
      groupId: state.groupId, userId: state.userId, text, mention: els.mention.checked,
      ...(state.photo ? { imageDataUrl: state.photo } : {}),
    });
    els.input.value = '';
    autoGrow();
    clearPhoto();
    await poll();
  } catch (e) {
    showError(`发送失败：${e.message}`);
  } finally {
    state.sending = false;
    els.send.disabled = false;
    els.input.focus();
  }
}

async function setClock(body) {
  els.clockForm.classList.add('busy');
  try {
    const r = await api('/clock', body);
    state.clockEdited = false;
    state.now = r.now;
    els.clockNow.textContent = fmtNow(r.now);
    els.clockInput.value = toLocalInput(r.now);
    toast(body.reset ? '已恢复真实时间' : `时钟已跳到 ${fmtNow(r.now)}，触发 ${r.fired} 条提醒`);
    await poll();
  } catch (e) {
    toast(`时钟操作失败：${e.message}`);
  } finally {
    els.clockForm.classList.remove('busy');
  }
}

// Phone photos are several MB; shrink big ones so the JSON body stays around 1 MB.
const MAX_SIDE = 1600;
async function readPhoto(file) {
  const dataUrl = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  if (file.size < 1.2e6) return dataUrl;
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const k = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const c = document.createElement('canvas');
  c.width = Math.round(img.naturalWidth * k);
  c.height = Math.round(img.naturalHeight * k);
  c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
  return c.toDataURL('image/jpeg', 0.85);
}

function clearPhoto() {
  state.photo = null;
  els.photo.value = '';
  els.photoPreview.hidden = true;
}

function autoGrow() {
  els.input.style.height = 'auto';
  els.input.style.height = Math.min(els.input.scrollHeight, 140) + 'px';
}

// ---------- wiring ----------
els.groupSelect.addEventListener('change', () => selectGroup(els.groupSelect.value));
els.groupList.addEventListener('click', (e) => {
  const li = e.target.closest('.group-item');
  if (li) selectGroup(li.dataset.groupId);
});
els.groupList.addEventListener('keydown', (e) => {
  const li = e.target.closest('.group-item');
  if (li && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); selectGroup(li.dataset.groupId); }
});
els.memberSelect.addEventListener('change', () => { state.userId = els.memberSelect.value; renderCan(); renderMessages(); });
els.messages.addEventListener('scroll', () => {
  state.pinned = els.messages.scrollHeight - els.messages.scrollTop - els.messages.clientHeight < 80;
});
// Late image/font loads grow the list, and the error banner or photo preview shrink the viewport;
// either would hide the newest message, so stay at the bottom while pinned.
const keepPinned = new ResizeObserver(() => { if (state.pinned) els.messages.scrollTop = els.messages.scrollHeight; });
keepPinned.observe(els.list);
keepPinned.observe(els.messages);
els.send.addEventListener('click', send);
els.list.addEventListener('click', (e) => {
  const btn = e.target.closest('.card-btn');
  if (btn) tap(btn);
});
els.input.addEventListener('input', autoGrow);
els.input.addEventListener('keydown', (e) => {
  // isComposing: Enter that confirms a Chinese IME candidate must not send the message.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); send(); }
});
els.photo.addEventListener('change', async () => {
  const file = els.photo.files && els.photo.files[0];
  if (!file) return;
  try {
    state.photo = await readPhoto(file);
    els.photoPreview.querySelector('img').src = state.photo;
    els.photoPreview.hidden = false;
    showError('');
  } catch {
    clearPhoto();
    showError('无法读取这张图片');
  }
});
els.photoRemove.addEventListener('click', clearPhoto);
els.clockInput.addEventListener('input', () => { state.clockEdited = true; });
els.clockForm.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!els.clockInput.value) { toast('请先选择时间'); return; }
  setClock({ at: fromLocalInput(els.clockInput.value) });
});
els.clockForm.querySelectorAll('[data-clock-step]').forEach((b) => b.addEventListener('click', () => {
  const base = state.now ? new Date(state.now).getTime() : Date.now();
  setClock({ at: new Date(base + Number(b.dataset.clockStep) * 1000).toISOString() });
}));
els.clockReset.addEventListener('click', () => setClock({ reset: true }));

async function start() {
  try {
    await loadState();
  } catch (e) {
    els.list.innerHTML = `<div class="empty">无法连接沙盒服务：${esc(e.message)}</div>`;
    setTimeout(start, 3000);
    return;
  }
  await poll();
  (function loop() { setTimeout(async () => { await poll(); loop(); }, POLL_MS); })();
  // The clock and the roster can change from elsewhere (another tab, a seed script).
  setInterval(() => loadState().catch(() => {}), 5000);
}
start();
