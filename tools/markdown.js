// Reads the docs' own code blocks, for the tools and tests that run them as written.

/**
 * The bodies of the fenced blocks tagged `language` in the section under `heading` (its whole
 * line, such as "### Installing"), which ends at the next heading of level 1 to 3; undefined when
 * the page has no such heading.
 */
function sectionBlocks(markdown, heading, language) {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) return undefined;
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/^#{1,3} /m);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map(([, body]) => body);
}

module.exports = { sectionBlocks };
