/**
 * Writes the small sample files of fixtures/samples from seed 004:
 * `node --import tsx src/extract/tools/make-samples.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeTcvn3, encodeVni, makeDocx, makeScannedPdf, makeTextPdf } from './sample-files.js';

const root = resolve(import.meta.dirname, '../../..');
const out = resolve(root, 'fixtures/samples');
const text = readFileSync(resolve(root, 'fixtures/seeds/004_e05fcdfcee13791a.txt'), 'utf8');

mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'bao-cao-thang-4-2021.docx'), await makeDocx(text));
writeFileSync(resolve(out, 'bao-cao-thang-4-2021.pdf'), makeTextPdf(text));
writeFileSync(resolve(out, 'ban-quet.pdf'), makeScannedPdf());
writeFileSync(resolve(out, 'bao-cao-thang-4-2021.tcvn3.txt'), encodeTcvn3(text));
writeFileSync(resolve(out, 'bao-cao-thang-4-2021.vni.txt'), encodeVni(text));
console.log(`samples written to ${out}`);
