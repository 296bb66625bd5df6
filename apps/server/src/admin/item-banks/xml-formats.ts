// Moodle XML (multichoice with one answer, truefalse; images embedded as <file> elements) and
// QTI 2.1 choice items (one assessmentItem per file, or several under a root) → item candidates.
// Anything else in the file is reported, so a file is imported whole or not at all.
import type { ItemProblem, RichContent, Subtest } from '@petakom/domain';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface RawCandidate {
  line: number;
  code: string | null;
  content: unknown;
}

export interface XmlImport {
  candidates: RawCandidate[];
  problems: ItemProblem[];
}

type Node = Record<string, unknown>;
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

function asArray(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  const node = value as Node;
  if ('#text' in node) return textOf(node['#text']);
  if ('text' in node) return textOf(node['text']);
  return '';
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** HTML → rich content: the text without tags, and the first image resolved to a data URI. */
export function htmlToContent(html: string, files: ReadonlyMap<string, string> = new Map()): RichContent {
  const imgMatch = /<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/i.exec(html);
  const altMatch = imgMatch ? /\balt\s*=\s*["']([^"']*)["']/i.exec(imgMatch[0]) : null;
  const text = decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/[ \t]+/g, ' '),
  )
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
  if (!imgMatch?.[1]) return { text };
  let src = decodeEntities(imgMatch[1]);
  const plugin = /^@@PLUGINFILE@@\/(.+)$/.exec(src);
  if (plugin?.[1]) src = files.get(decodeURIComponent(plugin[1])) ?? src;
  return { text, image: { src, alt: altMatch?.[1] ?? '' } };
}

function parse(xml: string, options: ConstructorParameters<typeof XMLParser>[0]): Node | string {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return `XML tidak sah (baris ${valid.err.line}): ${valid.err.msg}`;
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', ...options }).parse(xml) as Node;
}

export function parseMoodleXml(xml: string, subtest: Subtest): XmlImport {
  const doc = parse(xml, {
    cdataPropName: false,
    isArray: (name) => ['question', 'answer', 'file'].includes(name),
  });
  if (typeof doc === 'string')
    return { candidates: [], problems: [{ line: 0, code: 'INVALID_FILE', message: doc }] };
  const quiz = doc['quiz'] as Node | undefined;
  if (!quiz)
    return {
      candidates: [],
      problems: [
        { line: 0, code: 'INVALID_FILE', message: 'Bukan berkas Moodle XML: elemen <quiz> tidak ada.' },
      ],
    };
  const candidates: RawCandidate[] = [];
  const problems: ItemProblem[] = [];
  asArray(quiz['question']).forEach((q, index) => {
    const line = index + 1; // question number in the file
    const type = String(q['@_type'] ?? '');
    if (type === 'category') return;
    const name = textOf(q['name']).trim() || null;
    const qt = q['questiontext'] as Node | undefined;
    const files = new Map<string, string>();
    for (const f of asArray(qt?.['file'])) {
      const fname = String(f['@_name'] ?? '');
      const ext = fname.split('.').pop()?.toLowerCase() ?? '';
      files.set(
        fname,
        `data:${MIME[ext] ?? 'application/octet-stream'};base64,${textOf(f).replace(/\s+/g, '')}`,
      );
    }
    const stem = htmlToContent(textOf(qt), files);
    const answers = asArray(q['answer']);
    if (type === 'multichoice' || type === 'truefalse') {
      if (type === 'multichoice' && String(textOf(q['single'])).trim() === 'false') {
        problems.push({
          line,
          code: 'UNSUPPORTED_QUESTION',
          message: `Soal ${name ?? line}: pilihan ganda dengan lebih dari satu jawaban tidak didukung.`,
        });
        return;
      }
      const keyIndex = answers.findIndex((a) => Number(a['@_fraction'] ?? 0) === 100);
      candidates.push({
        line,
        code: name,
        content: {
          type: 'single_choice',
          stem,
          subtest,
          options: answers.map((a, i) => {
            const afiles = new Map(files);
            for (const f of asArray(a['file'])) {
              const fname = String(f['@_name'] ?? '');
              const ext = fname.split('.').pop()?.toLowerCase() ?? '';
              afiles.set(
                fname,
                `data:${MIME[ext] ?? 'application/octet-stream'};base64,${textOf(f).replace(/\s+/g, '')}`,
              );
            }
            return { id: LETTERS[i] ?? `X${i}`, content: htmlToContent(textOf(a), afiles) };
          }),
          key: keyIndex < 0 ? '' : (LETTERS[keyIndex] ?? ''),
        },
      });
      return;
    }
    problems.push({
      line,
      code: 'UNSUPPORTED_QUESTION',
      message: `Soal ${name ?? line}: tipe Moodle "${type}" tidak didukung (hanya multichoice dan truefalse).`,
    });
  });
  return { candidates, problems };
}

export function parseQti(xml: string, subtest: Subtest): XmlImport {
  const doc = parse(xml, {
    stopNodes: ['*.prompt', '*.simpleChoice', '*.itemBody.p', '*.itemBody.div'],
    isArray: (name) =>
      ['assessmentItem', 'simpleChoice', 'value', 'p', 'div', 'choiceInteraction'].includes(name),
  });
  if (typeof doc === 'string')
    return { candidates: [], problems: [{ line: 0, code: 'INVALID_FILE', message: doc }] };
  // one item per file, or several gathered under any root element
  const items = doc['assessmentItem']
    ? asArray(doc['assessmentItem'])
    : Object.values(doc).flatMap((v) =>
        v && typeof v === 'object' ? asArray((v as Node)['assessmentItem']) : [],
      );
  if (items.length === 0)
    return {
      candidates: [],
      problems: [
        {
          line: 0,
          code: 'INVALID_FILE',
          message: 'Bukan berkas QTI 2.1: elemen <assessmentItem> tidak ada.',
        },
      ],
    };
  const candidates: RawCandidate[] = [];
  const problems: ItemProblem[] = [];
  items.forEach((item, index) => {
    const line = index + 1;
    const code = String(item['@_identifier'] ?? '') || null;
    const body = item['itemBody'] as Node | undefined;
    const interactions = asArray(body?.['choiceInteraction']);
    const interaction = interactions[0];
    if (!interaction || interactions.length > 1 || Number(interaction['@_maxChoices'] ?? 1) !== 1) {
      problems.push({
        line,
        code: 'UNSUPPORTED_QUESTION',
        message: `Butir ${code ?? line}: hanya choiceInteraction tunggal dengan satu jawaban yang didukung.`,
      });
      return;
    }
    const declaration = asArray(item['responseDeclaration']).find(
      (d) => d['@_identifier'] === interaction['@_responseIdentifier'],
    );
    const correct = textOf(
      asArray((declaration?.['correctResponse'] as Node | undefined)?.['value'])[0],
    ).trim();
    const choices = asArray(interaction['simpleChoice']);
    const html = [...asArray(body?.['p']), ...asArray(body?.['div'])].map(textOf).join('<br/>');
    const prompt = textOf(interaction['prompt']);
    const stem = htmlToContent([html, prompt].filter((s) => s !== '').join('<br/>'));
    const keyIndex = choices.findIndex((c) => c['@_identifier'] === correct);
    candidates.push({
      line,
      code,
      content: {
        type: 'single_choice',
        stem,
        subtest,
        options: choices.map((c, i) => ({ id: LETTERS[i] ?? `X${i}`, content: htmlToContent(textOf(c)) })),
        key: keyIndex < 0 ? '' : (LETTERS[keyIndex] ?? ''),
      },
    });
  });
  return { candidates, problems };
}
