// RESP2 on the wire: commands encoded straight into one Buffer per batch, replies parsed incrementally from socket chunks.
// Keys and values stay Buffers end to end, so binary keys and DUMP payloads pass through untouched.

export type RespArg = string | Buffer;

/** A `-ERR …` reply. It is a value in its batch, not a thrown error: one refused command does not fail the others. */
export class RespReplyError extends Error {
  override name = 'RespReplyError';
}

export type RespReply = Buffer | string | number | null | RespReplyError | RespReply[];

const CRLF = 0x0d;

/** A batch of commands, each a RESP array of bulk strings, in one Buffer (one socket write). */
export function encodeCommands(commands: readonly (readonly RespArg[])[]): Buffer {
  let size = 0;
  let args = 0;
  for (const command of commands) args += command.length;
  if (argLengths.length < args) argLengths = new Float64Array(Math.max(args, argLengths.length * 2));
  const lengths = argLengths;
  let m = 0;
  for (const command of commands) {
    size += 3 + digits(command.length);
    for (const arg of command) {
      const length = typeof arg === 'string' ? stringBytes(arg) : arg.length;
      lengths[m++] = length;
      size += 5 + digits(length) + length;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  let n = 0;
  for (const command of commands) {
    at = writeHeader(out, at, 0x2a, command.length);
    for (const arg of command) {
      const length = lengths[n++]!;
      at = writeHeader(out, at, 0x24, length);
      if (typeof arg !== 'string') {
        // Keys and small payloads: a byte loop beats Buffer#copy's call into C++.
        if (length > 64) at += arg.copy(out, at);
        else for (let i = 0; i < length; i++) out[at++] = arg[i]!;
      } else if (length === arg.length) for (let i = 0; i < length; i++) out[at++] = arg.charCodeAt(i);
      else at += out.write(arg, at);
      out[at++] = 0x0d;
      out[at++] = 0x0a;
    }
  }
  return out;
}

/**
 * The byte length of each argument, from the first pass of encodeCommands to its second: one array kept for every
 * batch (encoding is synchronous), grown as needed, instead of a new one per batch.
 */
let argLengths = new Float64Array(4096);

/** UTF-8 length; ASCII (command names, numbers) is counted in place, which is much cheaper than Buffer.byteLength. */
function stringBytes(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return Buffer.byteLength(text);
  return text.length;
}

function digits(value: number): number {
  let count = 1;
  while (value >= 10) {
    value = Math.floor(value / 10);
    count++;
  }
  return count;
}

function writeHeader(out: Buffer, at: number, type: number, value: number): number {
  out[at++] = type;
  const end = at + digits(value);
  for (let i = end - 1; i >= at; i--) {
    out[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  out[end] = 0x0d;
  out[end + 1] = 0x0a;
  return end + 2;
}

/** A pub/sub message read in place: its channel is `buffer[channelStart, channelEnd)`, its payload `buffer[payloadStart, payloadEnd)`. */
export type PmessageHandler = (buffer: Buffer, channelStart: number, channelEnd: number, payloadStart: number, payloadEnd: number) => void;

export class RespProtocolError extends Error {
  override name = 'RespProtocolError';
}

/** Marks an element that is not complete in the bytes at hand. */
const INCOMPLETE = Symbol('incomplete');
/** Marks an array header: its elements follow. */
const ARRAY_OPENED = Symbol('array opened');

/** An array whose elements are still being read. */
interface OpenArray {
  items: RespReply[];
  filled: number;
}

/**
 * Turns socket chunks into replies, in order, however the chunks split them. Arrays are filled element by element
 * across chunks (only an incomplete element is read again when more bytes arrive), and a big bulk string waits until
 * all its bytes are there: no quadratic re-parsing of a multi-megabyte DUMP payload or a long LRANGE slice.
 */
export class RespParser {
  #rest: Buffer | undefined;
  /** Chunks held back while the element needs at least `#needed` bytes in all. */
  #held: Buffer[] = [];
  #heldLength = 0;
  #needed = 0;
  readonly #open: OpenArray[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #pos = 0;
  /** Bytes a bulk string still lacks when the parse came up short (0 when unknown). */
  #missing = 0;

  /**
   * `onPmessage` takes each pattern-subscription message (a keyspace notification) that arrives whole in one chunk, as
   * where its channel and payload lie in that chunk: a live copy gets one per change, and building the generic
   * four-element reply (four Buffer views and two arrays) for each cost more than the rest of handling it. Messages cut
   * by a chunk's end come as replies.
   */
  constructor(private readonly onReply: (reply: RespReply) => void, private readonly onPmessage?: PmessageHandler) {}

  feed(chunk: Buffer): void {
    if (this.#needed > 0) {
      this.#held.push(chunk);
      this.#heldLength += chunk.length;
      if (this.#heldLength < this.#needed) return;
      chunk = Buffer.concat(this.#held, this.#heldLength);
      this.#held = [];
      this.#heldLength = 0;
      this.#needed = 0;
    } else if (this.#rest) {
      chunk = Buffer.concat([this.#rest, chunk]);
    }
    this.#rest = undefined;
    this.#buffer = chunk;
    let start = 0;
    while (start < chunk.length) {
      if (this.onPmessage && this.#open.length === 0) {
        const end = this.#pmessage(chunk, start);
        if (end > 0) {
          start = end;
          continue;
        }
      }
      this.#pos = start;
      this.#missing = 0;
      const element = this.#parseElement();
      if (element === INCOMPLETE) {
        const rest = chunk.subarray(start);
        if (this.#missing > 0) {
          this.#held = [rest];
          this.#heldLength = rest.length;
          this.#needed = rest.length + this.#missing;
        } else {
          this.#rest = rest;
        }
        break;
      }
      start = this.#pos;
      if (element !== ARRAY_OPENED) this.#complete(element);
    }
    this.#buffer = Buffer.alloc(0);
  }

  /** Puts a finished element into the innermost open array, closing every array it fills; a top-level one is a reply. */
  #complete(element: RespReply): void {
    let value = element;
    for (;;) {
      const array = this.#open[this.#open.length - 1];
      if (!array) {
        this.onReply(value);
        return;
      }
      array.items[array.filled++] = value;
      if (array.filled < array.items.length) return;
      this.#open.pop();
      value = array.items;
    }
  }

  /**
   * A whole `pmessage` at `start` handed to onPmessage; returns where it ends, or -1 when the bytes there are anything
   * else (another reply, a message cut by the chunk's end, or malformed: the generic parse then deals with them).
   */
  #pmessage(buffer: Buffer, start: number): number {
    if (buffer.length - start < PMESSAGE_HEAD.length) return -1;
    for (let i = 0; i < PMESSAGE_HEAD.length; i++) if (buffer[start + i] !== PMESSAGE_HEAD[i]) return -1;
    let at = start + PMESSAGE_HEAD.length;
    let channelStart = 0;
    let channelEnd = 0;
    // Three bulk strings: the pattern, the channel and the payload.
    for (let element = 0; element < 3; element++) {
      if (buffer[at] !== 0x24) return -1;
      const lineEnd = lineEndAt(buffer, at + 1);
      if (lineEnd === -1 || lineEnd + 1 >= buffer.length) return -1;
      let length = 0;
      for (let i = at + 1; i < lineEnd; i++) {
        const digit = buffer[i]! - 0x30;
        if (digit < 0 || digit > 9) return -1;
        length = length * 10 + digit;
      }
      const valueStart = lineEnd + 2;
      const valueEnd = valueStart + length;
      if (valueEnd + 2 > buffer.length || buffer[valueEnd] !== CRLF || buffer[valueEnd + 1] !== 0x0a) return -1;
      if (element === 1) {
        channelStart = valueStart;
        channelEnd = valueEnd;
      } else if (element === 2) {
        this.onPmessage!(buffer, channelStart, channelEnd, valueStart, valueEnd);
      }
      at = valueEnd + 2;
    }
    return at;
  }

  #parseElement(): RespReply | typeof INCOMPLETE | typeof ARRAY_OPENED {
    const buffer = this.#buffer;
    const type = buffer[this.#pos]!;
    const lineEnd = lineEndAt(buffer, this.#pos + 1);
    if (lineEnd === -1 || lineEnd + 1 >= buffer.length) return INCOMPLETE;
    const lineStart = this.#pos + 1;
    this.#pos = lineEnd + 2;
    switch (type) {
      case 0x2b: // +simple; OK (every RESTORE) without a string allocation
        return lineEnd - lineStart === 2 && buffer[lineStart] === 0x4f && buffer[lineStart + 1] === 0x4b ? 'OK' : buffer.toString('utf8', lineStart, lineEnd);
      case 0x2d: // -error
        return new RespReplyError(buffer.toString('utf8', lineStart, lineEnd));
      case 0x3a: // :integer
        return integer(buffer, lineStart, lineEnd);
      case 0x24: { // $bulk
        const length = integer(buffer, lineStart, lineEnd);
        if (length < 0) return null;
        const end = this.#pos + length;
        if (end + 2 > buffer.length) {
          this.#missing = end + 2 - buffer.length;
          return INCOMPLETE;
        }
        if (buffer[end] !== 0x0d || buffer[end + 1] !== 0x0a) {
          throw new RespProtocolError(`a bulk string of ${length} bytes is not followed by CRLF: the reply stream is corrupt`);
        }
        const value = buffer.subarray(this.#pos, end);
        this.#pos = end + 2;
        return value;
      }
      case 0x2a: { // *array
        const length = integer(buffer, lineStart, lineEnd);
        if (length < 0) return null;
        if (length === 0) return [];
        this.#open.push({ items: new Array(length), filled: 0 });
        return ARRAY_OPENED;
      }
      default:
        throw new RespProtocolError(`unexpected RESP type byte 0x${type.toString(16)}: not a Redis server, or a RESP3 reply`);
    }
  }
}

/** How every pattern-subscription message starts: an array of four, the first `pmessage`. */
const PMESSAGE_HEAD = Buffer.from('*4\r\n$8\r\npmessage\r\n');

/**
 * The CR ending the line from `from`. A header line is a few bytes: a byte loop beats Buffer#indexOf's call into C++,
 * which is made for every element (five per keyspace notification).
 */
function lineEndAt(buffer: Buffer, from: number): number {
  const end = buffer.length;
  for (let i = from; i < end; i++) if (buffer[i] === CRLF) return i;
  return -1;
}

function integer(buffer: Buffer, start: number, end: number): number {
  let at = start;
  const negative = buffer[at] === 0x2d;
  if (negative) at++;
  if (at === end) throw new RespProtocolError('empty number in a RESP reply');
  let value = 0;
  for (; at < end; at++) {
    const digit = buffer[at]! - 0x30;
    if (digit < 0 || digit > 9) throw new RespProtocolError(`bad number '${buffer.toString('latin1', start, end)}' in a RESP reply`);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}
