import type { FakeMessage, FakeUser } from '../../../fakes/telegram.fake.js';
import { answered, buttonData, type BotHarness } from './harness.js';

/**
 * A buyer as a test drives one: every `send` and `press` is one action (counted), and waits are
 * on what the bot shows in the chat, never on time.
 */
export class Buyer {
  actions = 0;

  constructor(
    readonly h: BotHarness,
    readonly user: FakeUser,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** The id of the newest message in the chat (any sender), to wait for what comes after it. */
  mark(): number {
    return Math.max(0, ...this.h.fake.messages(this.id, { includeUsers: true, includeDeleted: true }).map((m) => m.messageId));
  }

  send(text: string): number {
    const mark = this.mark();
    this.actions++;
    this.user.send(text);
    return mark;
  }

  /** Presses the button whose label matches; returns the callback query id. */
  press(message: FakeMessage, label: RegExp | string): string {
    this.actions++;
    return this.user.press(message, buttonData(message, label));
  }

  pressData(message: FakeMessage, data: string): string {
    this.actions++;
    return this.user.press(message, data, { force: true });
  }

  /** Waits until the press is answered; returns the answer. */
  async answer(queryId: string) {
    const record = await answered(this.h.fake, queryId);
    return record.answer ?? {};
  }

  /** The newest bot message whose text matches, optionally only messages after `after`. */
  see(pattern: RegExp, options: { after?: number; timeoutMs?: number } = {}): Promise<FakeMessage> {
    return this.h.fake.waitForMessage(this.id, (m) => m.messageId > (options.after ?? 0) && pattern.test(m.text ?? ''), options.timeoutMs ?? 5_000);
  }

  /** Waits for one message to read as `pattern` (after edits). */
  seeEdited(message: FakeMessage, pattern: RegExp, timeoutMs = 5_000): Promise<FakeMessage> {
    return this.h.fake.waitFor(
      () => {
        const current = this.h.fake.message(this.id, message.messageId);
        return current && pattern.test(current.text ?? '') ? current : undefined;
      },
      timeoutMs,
      `message ${message.messageId} to read ${pattern}`,
    );
  }

  /** Every text a message showed, in order: as sent, then each edit. */
  history(message: FakeMessage): string[] {
    const calls = this.h.fake.calls().filter(
      (c) => c.ok && (c.method === 'editMessageText' || c.method === 'sendMessage') && Number(c.params.chat_id) === this.id,
    );
    const texts: string[] = [];
    for (const call of calls) {
      const result = call.result as { message_id?: number } | undefined;
      const id = call.method === 'sendMessage' ? result?.message_id : Number(call.params.message_id);
      if (id === message.messageId) texts.push(String(call.params.text));
    }
    return texts;
  }

  /** Bot messages after `after`. */
  messagesAfter(after: number): FakeMessage[] {
    return this.h.fake.messages(this.id).filter((m) => m.messageId > after);
  }
}

/** A fresh buyer id per test, so tests in one file never share a chat. */
let next = 9_100_000;
export function newBuyer(h: BotHarness, profile: { first_name?: string; language_code?: string; username?: string } = {}): Buyer {
  return new Buyer(h, h.fake.user(++next, { first_name: profile.first_name ?? 'Ana', language_code: profile.language_code ?? 'en', ...(profile.username ? { username: profile.username } : {}) }));
}
