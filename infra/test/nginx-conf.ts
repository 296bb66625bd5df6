// A small reader for nginx configuration: enough to check the load balancer's shape in tests
// without an nginx binary (directives, arguments, nested blocks; quotes and comments).

export interface Directive {
  name: string;
  args: string[];
  children: Directive[] | null;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';') {
      tokens.push(c);
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') j++;
        value += text[j] ?? '';
        j++;
      }
      if (j >= text.length) throw new Error(`unterminated quote at offset ${i}`);
      tokens.push(value);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s{};]/.test(text[j] ?? '')) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

/** Parses a whole nginx.conf into its top-level directives; throws on unbalanced blocks. */
export function parseNginxConf(text: string): Directive[] {
  const tokens = tokenize(text);
  let pos = 0;
  function block(depth: number): Directive[] {
    const out: Directive[] = [];
    let words: string[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++] ?? '';
      if (t === ';') {
        const [name, ...args] = words;
        if (name === undefined) throw new Error('empty directive');
        out.push({ name, args, children: null });
        words = [];
      } else if (t === '{') {
        const [name, ...args] = words;
        if (name === undefined) throw new Error('block without a name');
        out.push({ name, args, children: block(depth + 1) });
        words = [];
      } else if (t === '}') {
        if (depth === 0) throw new Error('unexpected }');
        if (words.length > 0) throw new Error(`directive "${words.join(' ')}" lacks its ;`);
        return out;
      } else {
        words.push(t);
      }
    }
    if (depth > 0) throw new Error('missing }');
    if (words.length > 0) throw new Error(`directive "${words.join(' ')}" lacks its ;`);
    return out;
  }
  return block(0);
}

export function find(list: Directive[] | null, name: string, firstArg?: string): Directive[] {
  return (list ?? []).filter((d) => d.name === name && (firstArg === undefined || d.args[0] === firstArg));
}

export function one(list: Directive[] | null, name: string, firstArg?: string): Directive {
  const found = find(list, name, firstArg);
  if (found.length !== 1)
    throw new Error(`expected one "${name}${firstArg ? ` ${firstArg}` : ''}", found ${found.length}`);
  return found[0] as Directive;
}

/** nginx durations (`3600s`, `1h`, `90`) in seconds. */
export function seconds(value: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(value);
  if (m === null) throw new Error(`not a duration: ${value}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return unit === 'ms' ? n / 1000 : n * { s: 1, m: 60, h: 3600, d: 86400 }[unit as 's' | 'm' | 'h' | 'd'];
}
