// The full-text query language analysts type: words, "quoted phrases", prefix* words, AND / OR / NOT (upper case)
// and parentheses; words side by side mean AND. The query is parsed here rather than handed to FTS5 as typed, for
// three reasons: FTS5 rejects ordinary punctuation (al-Shifa, U.S., 7:30) with a syntax error; the index holds text
// with Arabic and Hebrew marks removed, so the query's words must lose them too; and the hits need the words the
// query asks for, to find them in each article the index selects. What goes to FTS5 is rebuilt from the parsed
// query with every phrase quoted, so nothing an analyst types can change the query's structure.
import { GlossError } from '../../contract/errors';
import { stripMarks } from './marks';
import { tokenize } from './tokens';
import { at } from '../../contract/must';

/** A run of words that must appear in this order, next to each other; `prefix`: the last word may go on. */
export interface Phrase {
  type: 'phrase';
  words: string[];
  prefix: boolean;
}

export type QueryNode =
  | Phrase
  | { type: 'and' | 'or'; items: QueryNode[] }
  /** `include` and not `exclude` (FTS5's binary NOT). */
  | { type: 'not'; include: QueryNode; exclude: QueryNode };

type Lexeme = { kind: 'open' | 'close' | 'and' | 'or' | 'not' } | { kind: 'text'; text: string; prefix: boolean };

function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ kind: ch === '(' ? 'open' : 'close' });
      i++;
    } else if (ch === '"') {
      // FTS5's own rule: "" inside a quoted phrase is a literal quote.
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= query.length) throw new GlossError('invalid_request', 'A quoted phrase is not closed: add the missing ".');
        if (query[j] === '"') {
          if (query[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += query[j++];
      }
      i = j + 1;
      const prefix = query[i] === '*';
      if (prefix) i++;
      out.push({ kind: 'text', text, prefix });
    } else {
      let j = i;
      while (j < query.length && !/[\s()"]/.test(query.charAt(j))) j++;
      const word = query.slice(i, j);
      i = j;
      if (word === 'AND') out.push({ kind: 'and' });
      else if (word === 'OR') out.push({ kind: 'or' });
      else if (word === 'NOT') out.push({ kind: 'not' });
      else out.push({ kind: 'text', text: word.endsWith('*') ? word.slice(0, -1) : word, prefix: word.endsWith('*') });
    }
  }
  return out;
}

/** A phrase's words as the index holds them: marks removed, then tokenized and folded like the article text. */
function phraseOf(text: string, prefix: boolean): Phrase | null {
  const words = tokenize(stripMarks(text).text).map((t) => t.folded);
  return words.length ? { type: 'phrase', words, prefix } : null;
}

/**
 * Parses a query. Precedence follows FTS5: NOT binds tightest, then AND (written or implied), then OR. Phrases that
 * hold no word at all (a lone "-" or "…") are dropped. Throws invalid_request with a readable message.
 */
export function parseFtsQuery(query: string): QueryNode {
  const lexemes = lex(query);
  let pos = 0;
  const peek = () => lexemes[pos];

  const parseOr = (): QueryNode | null => {
    const items: (QueryNode | null)[] = [parseAnd()];
    while (peek()?.kind === 'or') {
      pos++;
      items.push(parseAnd());
    }
    return combine('or', items);
  };
  const parseAnd = (): QueryNode | null => {
    const items: (QueryNode | null)[] = [parseNot()];
    for (;;) {
      const next = peek();
      if (next?.kind === 'and') {
        pos++;
        items.push(parseNot());
      } else if (next && (next.kind === 'text' || next.kind === 'open')) {
        items.push(parseNot());
      } else break;
    }
    return combine('and', items);
  };
  const parseNot = (): QueryNode | null => {
    let left = parsePrimary();
    while (peek()?.kind === 'not') {
      pos++;
      const right = parsePrimary();
      if (!left) throw new GlossError('invalid_request', 'NOT needs words before it, as in: gaza NOT football.');
      if (right) left = { type: 'not', include: left, exclude: right };
    }
    return left;
  };
  const parsePrimary = (): QueryNode | null => {
    const next = lexemes[pos++];
    if (!next) throw new GlossError('invalid_request', 'The query ends where a word was expected.');
    if (next.kind === 'open') {
      const inner = parseOr();
      if (lexemes[pos++]?.kind !== 'close') throw new GlossError('invalid_request', 'A parenthesis is not closed: add the missing ).');
      return inner;
    }
    if (next.kind === 'text') return phraseOf(next.text, next.prefix);
    const word = next.kind === 'close' ? ')' : next.kind.toUpperCase();
    throw new GlossError('invalid_request', `"${word}" cannot stand there; put words on both sides of AND, OR and NOT.`);
  };

  if (lexemes.length === 0) throw new GlossError('invalid_request', 'Type something to search for.');
  const tree = parseOr();
  if (pos < lexemes.length) throw new GlossError('invalid_request', 'There is a ) without a matching (.');
  if (!tree) throw new GlossError('invalid_request', 'The query has no words to search for (only punctuation).');
  return tree;
}

function combine(type: 'and' | 'or', items: (QueryNode | null)[]): QueryNode | null {
  const kept = items.filter((n): n is QueryNode => n !== null);
  if (kept.length === 0) return null;
  const [only] = kept;
  return kept.length === 1 && only ? only : { type, items: kept };
}

/** The FTS5 MATCH expression for a parsed query: every phrase quoted, every group parenthesised. */
export function toFts5(node: QueryNode): string {
  switch (node.type) {
    case 'phrase':
      // Words are runs of letters and digits, so they never contain a quote; quoting them keeps FTS5 from reading
      // any of them (AND, NEAR, a column name) as syntax.
      return `"${node.words.join(' ')}"${node.prefix ? ' *' : ''}`;
    case 'and':
    case 'or':
      return `(${node.items.map(toFts5).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(${toFts5(node.include)} NOT ${toFts5(node.exclude)})`;
  }
}

/** The phrases a hit can be: every phrase that is not on the excluded side of a NOT. */
export function positivePhrases(node: QueryNode): Phrase[] {
  switch (node.type) {
    case 'phrase':
      return [node];
    case 'and':
    case 'or':
      return node.items.flatMap(positivePhrases);
    case 'not':
      return positivePhrases(node.include);
  }
}

/** UTF-16 spans of `text` (as tokenized) where a phrase occurs; sorted, without duplicates. */
export function findPhrases(tokens: { folded: string; start: number; end: number }[], phrases: Phrase[]): { start: number; end: number }[] {
  const spans = new Map<string, { start: number; end: number }>();
  for (const phrase of phrases) {
    const n = phrase.words.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const token = at(tokens, i + j).folded;
        const word = at(phrase.words, j);
        ok = j === n - 1 && phrase.prefix ? token.startsWith(word) : token === word;
      }
      if (ok) {
        const span = { start: at(tokens, i).start, end: at(tokens, i + n - 1).end };
        spans.set(`${span.start}:${span.end}`, span);
      }
    }
  }
  return [...spans.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
