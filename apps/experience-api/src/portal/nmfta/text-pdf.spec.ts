import { describe, expect, it } from 'vitest';

import { textPdf } from './text-pdf.js';

function text(pdf: Buffer): string {
  return pdf.toString('latin1');
}

describe(textPdf.name, () => {
  it('writes a PDF whose cross-reference table points at each of its objects', () => {
    const pdf = text(textPdf('Proof of delivery record', ['Receipt signed by M. Alvarez']));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n \n/gm)].map((match) => Number(match[1]));

    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    expect(offsets).toHaveLength(6);
    offsets.forEach((offset, index) => expect(pdf.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`));
    const length = Number(/<< \/Length (\d+) >>\nstream\n/.exec(pdf)?.[1]);
    const start = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(start + length, start + length + 10)).toBe('\nendstream');
  });

  it('escapes the characters a PDF string reserves and replaces what is not printable ASCII', () => {
    const pdf = text(textPdf('Title', ['a (b) c\\d', 'Müller']));

    expect(pdf).toContain("(a \\(b\\) c\\\\d) '");
    expect(pdf).toContain("(M?ller) '");
  });

  it('wraps a long line instead of losing its end', () => {
    const url = `https://pod.example.com/${'x'.repeat(120)}.pdf`;
    const pdf = text(textPdf('Title', [url]));

    expect(pdf).toContain(`(${url.slice(0, 100)}) '`);
    expect(pdf).toContain(`(${url.slice(100)}) '`);
  });
});
