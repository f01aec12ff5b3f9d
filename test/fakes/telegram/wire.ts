/**
 * The Bot API's wire conventions: request bodies in the three encodings Telegram accepts, the
 * `{ok, result}` / `{ok:false, error_code, description}` envelopes and typed parameter reads.
 */

/** Parameters of one call, after decoding. Form fields holding JSON are decoded to objects. */
export type Params = Record<string, unknown>;

/** A file part of a multipart upload, referenced from a field as `attach://<name>`. */
export interface UploadedFile {
  name: string;
  filename: string;
  data: Buffer;
}

export interface DecodedBody {
  params: Params;
  files: Map<string, UploadedFile>;
}

/** An answer that is not `ok`: thrown by method handlers, turned into the error envelope. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  toEnvelope(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): ApiError => new ApiError(403, `Forbidden: ${what}`);
export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/** Telegram's answer to a callback, inline or pre-checkout query it no longer accepts. */
export const queryTooOld = (): ApiError =>
  badRequest('query is too old and response timeout expired or query ID is invalid');

/** Decodes a request body the way the Bot API does: JSON, form-urlencoded or multipart. */
export function decodeBody(contentType: string | undefined, raw: Buffer, query: URLSearchParams): DecodedBody {
  const params: Params = {};
  for (const [key, value] of query) params[key] = decodeFormValue(key, value);
  const files = new Map<string, UploadedFile>();
  const type = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return { params, files };
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON");
    return { params: { ...params, ...(parsed as Params) }, files };
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
    if (!boundary) throw badRequest("can't parse multipart body");
    for (const part of splitMultipart(raw, boundary)) {
      if (part.filename !== undefined) files.set(part.name, { name: part.name, filename: part.filename, data: part.data });
      else params[part.name] = decodeFormValue(part.name, part.data.toString('utf8'));
    }
    return { params, files };
  }
  // Telegram treats any other body as form-urlencoded.
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) params[key] = decodeFormValue(key, value);
  return { params, files };
}

/** Fields whose form value is JSON text; every other field stays the string it was sent as. */
const jsonFields = new Set([
  'reply_markup', 'entities', 'caption_entities', 'reply_parameters', 'link_preview_options', 'allowed_updates',
  'commands', 'scope', 'prices', 'results', 'media', 'button', 'suggested_tip_amounts',
]);

function decodeFormValue(key: string, value: string): unknown {
  if (!jsonFields.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Left as text: the method's own read reports it as unparseable, as Telegram does.
    return value;
  }
}

interface MultipartPart {
  name: string;
  filename: string | undefined;
  data: Buffer;
}

function splitMultipart(raw: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const bodyStart = start + delimiter.length;
    if (raw.subarray(bodyStart, bodyStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, bodyStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const chunk = raw.subarray(bodyStart + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      // grammY writes `content-disposition:form-data;name="x"`, without the optional spaces.
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
      if (name !== undefined) parts.push({ name, filename, data: Buffer.from(chunk.subarray(headerEnd + 4)) });
    }
    start = next;
  }
  return parts;
}

// --- typed reads of decoded parameters ---------------------------------------------------

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`field "${name}" must be of type String`);
}

export function requiredString(params: Params, name: string, whenMissing?: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw badRequest(whenMissing ?? `parameter "${name}" is required`);
  return value;
}

export function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(n)) throw badRequest(`field "${name}" must be of type Integer`);
  return n;
}

export function requiredInt(params: Params, name: string, whenMissing?: string): number {
  const value = optionalInt(params, name);
  if (value === undefined) throw badRequest(whenMissing ?? `parameter "${name}" is required`);
  return value;
}

export function optionalBool(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw badRequest(`field "${name}" must be of type Boolean`);
}

/** A chat id as sent: an integer or an `@username`. */
export function requiredChatId(params: Params, name = 'chat_id'): number | string {
  const value = params[name];
  if (value === undefined || value === null || value === '') throw badRequest(`${name} is empty`);
  if (typeof value === 'string' && value.startsWith('@')) return value;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) throw badRequest('chat not found');
  return n;
}

/** An object or array parameter; form encodings send these as JSON text. */
export function optionalJson(params: Params, name: string, whenInvalid: string): unknown {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(whenInvalid);
    }
  }
  return value;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

export const unixNow = (): number => Math.floor(Date.now() / 1000);
