// Writes the corpus files whose exact bytes matter (line endings, BOM, tabs, trailing or
// Unicode whitespace, invalid UTF-8, sizes) so no editor or checkout can change them.
// Run `node make-byte-exact.mjs` after editing this file, and commit corpus/ with it.
import { writeFileSync } from 'node:fs';

const files = {
  '14-crlf.env': 'A=1\r\nB=two words\r\nC="quoted"\r\nD=x # comment\r\nE=\r\n',
  '15-lone-cr.env': 'A=1\rB=2\rC="three"\rD=last',
  '16-mixed-line-endings.env': 'A=1\nB=2\r\nC=3\rD=4\n\r\nE=5\r\rF=6',
  '17-bom.env': '\uFEFFFIRST=1\nSECOND=2\n',
  '18-bom-then-comment.env': '\uFEFF# comment first\r\nA=1\r\n',
  '19-crlf-multiline-quoted.env': 'KEY="line1\r\nline2\r\nline3"\r\nNEXT=after\r\nS=\'a\rb\'\r\n',
  '31-tabs.env': 'A\t=\tvalue\t\n\tB=2\nC=a\tb\nD="\ttabbed\t"\nE=x\t# comment\nexport\tF=6\nG:\tseven\n',
  '32-trailing-whitespace.env': 'A=sk_test_x   \nB="quoted"   \nC=value \t \nD=x   # c\nE=\'s\'\t\n',
  '36-long-values.env':
    'LONG=' + 'a'.repeat(100000) + '\n' +
    'LONG_QUOTED="' + 'b '.repeat(20000) + '"\n' +
    'LONG_MULTI="' + 'line\n'.repeat(2000) + 'end"\n' +
    'AFTER=1\n',
  '41-unicode-whitespace.env':
    'A=\u00A0nbsp around\u00A0\n' +
    '\u00A0B=nbsp before key\n' +
    'C\u00A0=nbsp before equals\n' +
    'D="x"\u00A0# nbsp before comment\n' +
    'E=\u2028line separator\u2028inside\n' +
    'F=\u3000ideographic\u3000\n' +
    'G=\u0085nel\u0085\n' +
    'H=\uFEFFbom inside\uFEFF\n' +
    'I=\u2029para\n' +
    'J=1\n',
  '45-no-trailing-newline.env': 'A=1\nB="last"',
  '46-invalid-utf8.env': null, // bytes, below
  '55-cr-inside-quotes.env': 'A="x\ry"\nB=\'p\r\nq\'\nC=a\rD=d\n',
  '56-bom-not-at-start.env': 'A=1\n\uFEFFB=2\nC=\uFEFF\n',
  '57-crlf-escapes.env': 'A="a\\r\\nb"\r\nB=\'a\\r\\nb\'\r\nC="x"\r\n',
  '58-formfeed-vtab.env': '\fA=1\n\vB=2\nC=\fx\f\nD="y"\v\nE=3\n',
};

for (const [name, text] of Object.entries(files)) {
  if (text !== null) writeFileSync(new URL(`corpus/${name}`, import.meta.url), text, 'utf8');
}
// Latin-1 bytes (0xE9, 0xFC) and a truncated UTF-8 sequence: not valid UTF-8.
writeFileSync(
  new URL('corpus/46-invalid-utf8.env', import.meta.url),
  Buffer.concat([
    Buffer.from('A=caf'), Buffer.from([0xe9]), Buffer.from('\nB="gr'), Buffer.from([0xfc]),
    Buffer.from('n"\nC=cut'), Buffer.from([0xe6, 0x97]), Buffer.from('\nD=ok\n'),
  ]),
);
