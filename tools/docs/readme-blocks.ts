/**
 * Generated sections of a markdown file live between `<!-- BEGIN_<NAME> -->` and
 * `<!-- END_<NAME> -->` comments, the convention terraform-docs uses for `TF_DOCS`.
 *
 * A block's content is the exact text between the two markers, newlines included: with the
 * markers on their own lines it starts and ends with a newline. Keeping it raw means an
 * extracted block can be compared with a rendered one byte for byte, and replacing a block
 * never touches anything outside it.
 */

const MARKER_NAME = /^[A-Za-z0-9_]+$/;

interface BlockSpan {
  /** Index just past the BEGIN marker. */
  readonly start: number;
  /** Index of the END marker. */
  readonly end: number;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  return found;
}

function locateBlock(text: string, name: string): BlockSpan {
  if (!MARKER_NAME.test(name)) {
    throw new Error(`Block name must contain only letters, digits and underscores, got ${JSON.stringify(name)}.`);
  }
  const begin = `<!-- BEGIN_${name} -->`;
  const end = `<!-- END_${name} -->`;
  const begins = occurrences(text, begin);
  const ends = occurrences(text, end);
  const markers: [string, number[]][] = [
    [begin, begins],
    [end, ends],
  ];
  for (const [marker, found] of markers) {
    if (found.length === 0) throw new Error(`Marker \`${marker}\` not found.`);
    if (found.length > 1) throw new Error(`Marker \`${marker}\` appears ${found.length} times; expected exactly once.`);
  }
  const start = begins[0] + begin.length;
  if (ends[0] < start) throw new Error(`Marker \`${end}\` comes before \`${begin}\`.`);
  return { start, end: ends[0] };
}

/** Returns the text between the block's BEGIN and END markers. */
export function extractBlock(text: string, name: string): string {
  const { start, end } = locateBlock(text, name);
  return text.slice(start, end);
}

/** Returns `text` with the content between the block's markers replaced by `content`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const { start, end } = locateBlock(text, name);
  return text.slice(0, start) + content + text.slice(end);
}
