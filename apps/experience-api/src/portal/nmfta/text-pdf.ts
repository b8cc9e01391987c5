const PAGE_LINES = 52;
const LINE_CHARACTERS = 100;

/** A line as a PDF string literal: printable ASCII only (others become `?`), with `\`, `(` and `)` escaped. */
function literal(line: string): string {
  const printable = line.replace(/[^\x20-\x7e]/g, '?');

  return `(${printable.replace(/[\\()]/g, (character) => `\\${character}`)})`;
}

/** A line cut into pieces that fit the page's width. */
function wrapped(line: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < line.length; start += LINE_CHARACTERS) {
    pieces.push(line.slice(start, start + LINE_CHARACTERS));
  }

  return pieces.length === 0 ? [''] : pieces;
}

/**
 * A one-page PDF (US Letter, Helvetica 11 pt) of plain text lines, for the documents Lanegate generates from its
 * own records. Long lines wrap; lines past the page are cut, so callers keep documents short.
 */
export function textPdf(title: string, lines: readonly string[]): Buffer {
  const shown = [title, '', ...lines].flatMap(wrapped).slice(0, PAGE_LINES);
  const content = ['BT', '/F1 11 Tf', '14 TL', '56 750 Td', ...shown.map((line) => `${literal(line)} '`), 'ET'].join(
    '\n',
  );
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title ${literal(title)} /Producer (Lanegate) >>`,
  ];

  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;

  return Buffer.from(pdf, 'latin1');
}
