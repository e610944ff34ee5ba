// The neutral markdown dialect every service writes (`#` headings, **bold**, `> quote`, `[text](url)`, `- ` lines and
// `<font color="warning|info|comment">x</font>` for emphasis). Writing it is plain text, the same for every platform;
// rendering it for a platform (and its byte limits) is the platforms' job, in src/platforms/markdown.ts.

export type FontColor = 'info' | 'comment' | 'warning';

/** `<font color="warning">x</font>` in the neutral dialect. */
export function font(color: FontColor, text: string): string {
  return `<font color="${color}">${text}</font>`;
}
