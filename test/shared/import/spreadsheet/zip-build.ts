/**
 * Builds zip archives byte by byte, so tests can make workbooks whose headers
 * lie and decompression bombs of gigabytes without compressing gigabytes: a
 * deflate piece ending in a full flush can be repeated as often as wanted
 * (each repeat starts from a reset state), then a final empty block ends it.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Raw deflate data. */
  data: Uint8Array;
  /** Uncompressed size written in the headers (may lie). */
  size: number;
  crc?: number;
}

export const deflated = (text: string | Uint8Array): RawEntry['data'] => new Uint8Array(deflateRawSync(typeof text === 'string' ? Buffer.from(text) : text));

export function entry(name: string, text: string): RawEntry {
  const bytes = Buffer.from(text);
  return { name, data: deflated(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** `head`, then `piece` inflating to `pieceSize` bytes repeated `times`, as one raw deflate stream. */
export function repeatedStream(head: Uint8Array, piece: Uint8Array, times: number): Uint8Array {
  const flushed = (b: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH }));
  const h = flushed(head);
  const p = flushed(piece);
  const end = new Uint8Array([0x03, 0x00]); // final empty block
  const out = new Uint8Array(h.length + p.length * times + end.length);
  out.set(h, 0);
  for (let i = 0; i < times; i++) out.set(p, h.length + i * p.length);
  out.set(end, h.length + p.length * times);
  return out;
}

export function zip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE((e.crc ?? 0) >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE((e.crc ?? 0) >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

/** The parts every workbook has, around one worksheet entry. */
export function workbookAround(sheet: RawEntry): Uint8Array {
  return zip([
    entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    entry('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    entry('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    entry('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ]);
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/**
 * A workbook that inflates to about `inflatedMiB` of sheet XML (a row, then
 * spaces, per MiB: deflate's best ratio, about 1000x), its header declaring
 * `declared` bytes.
 */
export function bombWorkbook(inflatedMiB: number, declared?: number): Uint8Array {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const piece = Buffer.from(row + ' '.repeat(1024 * 1024 - row.length));
  const times = Math.round((inflatedMiB * 1024 * 1024) / piece.length);
  const data = repeatedStream(Buffer.from(SHEET_HEAD), piece, times);
  const size = declared ?? Math.min(0xffffffff, SHEET_HEAD.length + piece.length * times);
  return workbookAround({ name: 'xl/worksheets/sheet1.xml', data, size });
}
