/** Commander collector for repeatable options (`--list a --list b`). */
// No default value: a default would satisfy `requiredOption` and hide a missing `--list`.
export function collectRepeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A plain left-aligned table for terminals; NDJSON is the machine format. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, column) =>
    Math.max(h.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[format(header), ...rows.map(format)].join('\n')}\n`;
}
