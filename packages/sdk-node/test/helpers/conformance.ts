import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The copy of ../shared/pdq-conformance kept in sdk-core, so tests need nothing beside the clone. */
export const CONFORMANCE_DIR = fileURLToPath(
  new URL('../../../sdk-core/test/fixtures/pdq-conformance/', import.meta.url),
);
export const CONFORMANCE_IMAGES = `${CONFORMANCE_DIR}images/`;

export interface ExpectedRow {
  file: string;
  pdq: string;
  quality: number;
}

export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipPlus1',
  'flipMinus1',
] as const;

export interface DihedralRow {
  file: string;
  quality: number;
  hashes: Record<(typeof DIHEDRAL_NAMES)[number], string>;
}

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(`${CONFORMANCE_DIR}${name}`, 'utf8')
    .trim()
    .split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]!]));
  });
}

export function expectedRows(): ExpectedRow[] {
  return readCsv('expected.csv').map((row) => ({
    file: row.file!,
    pdq: row.pdq!,
    quality: Number(row.quality),
  }));
}

/** dihedral.csv spells the transposes flip_plus1 / flip_minus1; the API says flipPlus1 / flipMinus1. */
export function dihedralRows(): DihedralRow[] {
  return readCsv('dihedral.csv').map((row) => ({
    file: row.file!,
    quality: Number(row.quality),
    hashes: Object.fromEntries(
      DIHEDRAL_NAMES.map((name) => [
        name,
        row[name.replace('Plus1', '_plus1').replace('Minus1', '_minus1')]!,
      ]),
    ) as DihedralRow['hashes'],
  }));
}
