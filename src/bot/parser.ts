/** Splits "/隐患 三楼…" into the command word and the rest; accepts "/" and full-width "／", only at the start. */
export function parseCommand(text: string): { word: string; args: string } | null {
  const m = /^[/／]\s*([^\s/／]+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  return { word: m[1].toLowerCase(), args: m[2].trim() };
}

/** Levenshtein distance, for "did you mean" suggestions on unknown commands. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** Splits arguments on whitespace, keeping "@张 三"-free tokens; full-width spaces count. */
export function tokens(args: string): string[] {
  return args.split(/[\s\u3000]+/).filter(Boolean);
}
