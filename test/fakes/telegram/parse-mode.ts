import type { MessageEntity } from 'grammy/types';
import { badRequest, utf8Length } from './wire.js';

/**
 * Turns formatted text into the plain text and entities Telegram stores, and fails the way
 * Telegram does on markup it cannot parse: "can't parse entities: …" is the 400 a bot meets
 * when it interpolates an unescaped product name into HTML or MarkdownV2.
 */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

export type ParseMode = 'HTML' | 'MarkdownV2' | 'Markdown';

export function parseFormatted(raw: string, parseMode: string | undefined): ParsedText {
  if (parseMode === undefined || parseMode === '') return { text: raw, entities: [] };
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(raw);
    case 'markdownv2':
      return parseMarkdown(raw, true);
    case 'markdown':
      return parseMarkdown(raw, false);
    default:
      throw badRequest('unsupported parse_mode');
  }
}

const cantParse = (why: string) => badRequest(`can't parse entities: ${why}`);
const byteOffset = (raw: string, index: number) => utf8Length(raw.slice(0, index));

type Open = { type: MessageEntity['type']; offset: number; tag: string; at: number; extra?: Partial<MessageEntity> };

const htmlTags: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler',
  span: 'spoiler', a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function parseHtml(raw: string): ParsedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(raw.slice(i));
      const name = m?.[1];
      if (m && name) {
        const decoded = name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#') ? String.fromCodePoint(parseInt(name.slice(1), 10))
            : namedEntities[name.toLowerCase()];
        if (decoded !== undefined) {
          text += decoded;
          i += m[0].length;
          continue;
        }
      }
      text += ch;
      i += 1;
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const end = raw.indexOf('>', i);
    if (end === -1) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(raw, i)}`);
    const inner = raw.slice(i + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const top = stack.pop();
      if (!top) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(raw, i)}`);
      if (top.tag !== name) {
        throw cantParse(`Unmatched end tag at byte offset ${byteOffset(raw, i)}, expected "</${top.tag}>", found "</${name}>"`);
      }
      closeEntity(entities, top, text.length, stack);
    } else {
      const name = /^[a-z-]*/i.exec(inner)?.[0].toLowerCase() ?? '';
      const type = htmlTags[name];
      const attrs = Object.fromEntries([...inner.matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
      if (!type || (name === 'span' && attrs.class !== 'tg-spoiler')) {
        throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(raw, i)}`);
      }
      const extra: Partial<MessageEntity> = {};
      if (name === 'a') Object.assign(extra, { url: attrs.href ?? '' });
      if (name === 'tg-emoji') Object.assign(extra, { custom_emoji_id: attrs['emoji-id'] ?? '' });
      if (name === 'code' && stack.at(-1)?.tag === 'pre' && attrs.class?.startsWith('language-')) {
        Object.assign(stack.at(-1)!, { extra: { language: attrs.class.slice('language-'.length) } });
      }
      stack.push({ type: 'expandable' in attrs && type === 'blockquote' ? 'expandable_blockquote' : type, offset: text.length, tag: name, at: i, extra });
    }
    i = end + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: sortEntities(entities) };
}

function closeEntity(entities: MessageEntity[], open: Open, end: number, stack: Open[]): void {
  // <pre><code class="language-x"> is one pre entity, not a pre and a code.
  if (open.type === 'code' && stack.at(-1)?.tag === 'pre') return;
  if (end > open.offset) entities.push({ type: open.type, offset: open.offset, length: end - open.offset, ...open.extra } as MessageEntity);
}

const markdownV2Reserved = '_*[]()~`>#+-=|{}.!';
const entityNames: Partial<Record<MessageEntity['type'], string>> = {
  bold: 'Bold', italic: 'Italic', underline: 'Underline', strikethrough: 'Strikethrough',
  spoiler: 'Spoiler', text_link: 'TextUrl', code: 'Code', pre: 'Pre',
};

/** MarkdownV2 (`v2`) or legacy Markdown; legacy has no underline, strike, spoiler or escapes beyond `_*[\``. */
function parseMarkdown(raw: string, v2: boolean): ParsedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  const endOf = (open: Open) =>
    v2 ? cantParse(`Can't find end of ${entityNames[open.type] ?? open.type} entity at byte offset ${byteOffset(raw, open.at)}`)
      : cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(raw, open.at)}`);
  const toggle = (type: MessageEntity['type'], tag: string, at: number) => {
    const index = stack.findIndex((o) => o.type === type);
    if (index === -1) return void stack.push({ type, offset: text.length, tag, at });
    if (index !== stack.length - 1) throw endOf(stack[stack.length - 1]!);
    closeEntity(entities, stack.pop()!, text.length, stack);
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    const two = raw.slice(i, i + 2);
    if (ch === '\\' && (v2 || '_*`['.includes(raw[i + 1] ?? ''))) {
      text += raw[i + 1] ?? '';
      i += 2;
    } else if (ch === '`') {
      const fence = raw.startsWith('```', i);
      const open = i;
      i += fence ? 3 : 1;
      let language: string | undefined;
      if (fence) {
        const newline = raw.indexOf('\n', i);
        const close = raw.indexOf('```', i);
        if (newline !== -1 && (close === -1 || newline < close)) {
          language = raw.slice(i, newline).trim() || undefined;
          i = newline + 1;
        }
      }
      const start = text.length;
      let closed = false;
      while (i < raw.length) {
        if (v2 && raw[i] === '\\') {
          text += raw[i + 1] ?? '';
          i += 2;
        } else if (raw.startsWith(fence ? '```' : '`', i)) {
          i += fence ? 3 : 1;
          closed = true;
          break;
        } else text += raw[i++];
      }
      if (!closed) throw endOf({ type: fence ? 'pre' : 'code', offset: start, tag: '`', at: open });
      if (text.length > start) entities.push({ type: fence ? 'pre' : 'code', offset: start, length: text.length - start, ...(language ? { language } : {}) } as MessageEntity);
    } else if (ch === '*' || (ch === '_' && !(v2 && two === '__'))) {
      toggle(ch === '*' ? 'bold' : 'italic', ch, i);
      i += 1;
    } else if (v2 && two === '__') {
      toggle('underline', '__', i);
      i += 2;
    } else if (v2 && ch === '~') {
      toggle('strikethrough', '~', i);
      i += 1;
    } else if (v2 && two === '||') {
      toggle('spoiler', '||', i);
      i += 2;
    } else if (ch === '[') {
      stack.push({ type: 'text_link', offset: text.length, tag: '[', at: i });
      i += 1;
    } else if (ch === ']' && stack.at(-1)?.type === 'text_link' && raw[i + 1] === '(') {
      let url = '';
      let j = i + 2;
      while (j < raw.length && raw[j] !== ')') {
        if (v2 && raw[j] === '\\') j += 1;
        url += raw[j] ?? '';
        j += 1;
      }
      if (j >= raw.length) throw endOf(stack.at(-1)!);
      const open = stack.pop()!;
      open.extra = { url };
      closeEntity(entities, open, text.length, stack);
      i = j + 1;
    } else if (v2 && ch === '>' && (i === 0 || raw[i - 1] === '\n')) {
      const lineEnd = raw.indexOf('\n', i);
      stack.push({ type: 'blockquote', offset: text.length, tag: '>', at: i });
      const line = parseMarkdown(raw.slice(i + 1, lineEnd === -1 ? raw.length : lineEnd), true);
      for (const e of line.entities) entities.push({ ...e, offset: e.offset + text.length });
      text += line.text;
      closeEntity(entities, stack.pop()!, text.length, stack);
      i = lineEnd === -1 ? raw.length : lineEnd;
    } else if (v2 && markdownV2Reserved.includes(ch)) {
      throw cantParse(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      text += ch;
      i += 1;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw endOf(unclosed);
  return { text, entities: sortEntities(mergeBlockquotes(entities)) };
}

/** Consecutive `>` lines form one blockquote. */
function mergeBlockquotes(entities: MessageEntity[]): MessageEntity[] {
  const out: MessageEntity[] = [];
  for (const e of entities) {
    const prev = out.findLast((p) => p.type === 'blockquote');
    if (e.type === 'blockquote' && prev && prev.offset + prev.length + 1 === e.offset) prev.length += e.length + 1;
    else out.push({ ...e });
  }
  return out;
}

const sortEntities = (entities: MessageEntity[]): MessageEntity[] =>
  [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);

/** Entities Telegram's clients and servers detect in what a user types. */
export function detectEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const patterns: Array<[RegExp, MessageEntity['type']]> = [
    [/(?<=^|\s)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=$|\s)/g, 'bot_command'],
    [/(?<=^|\s)@[A-Za-z0-9_]{4,32}\b/g, 'mention'],
    [/\bhttps?:\/\/[^\s]+/g, 'url'],
  ];
  for (const [pattern, type] of patterns) {
    for (const m of text.matchAll(pattern)) entities.push({ type, offset: m.index, length: m[0].length } as MessageEntity);
  }
  return sortEntities(entities);
}
