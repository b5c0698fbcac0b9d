// XLSX writer for exports (exceljs): the data sheet with typed cells and display formats, frozen
// header and filter, then the information sheet (unit, period, filters, data date, source, rule).
import ExcelJS from 'exceljs';
import type { ExportTable } from './table.ts';

export async function toXlsx(table: ExportTable, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ioc06';
  wb.created = created;
  const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  table.columns.forEach((c, i) => {
    if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
  });
  ws.getRow(1).font = { bold: true };
  table.rows.forEach((values, r) => {
    const row = ws.addRow(values);
    table.formats?.[r]?.forEach((numFmt, c) => {
      if (numFmt && typeof values[c] === 'number') row.getCell(c + 1).numFmt = numFmt;
    });
  });
  // A header cell must keep the General format even where its column has a number format.
  ws.getRow(1).eachCell((cell) => (cell.numFmt = 'General'));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };

  const info = wb.addWorksheet(table.infoSheet);
  info.columns = [{ width: 28 }, { width: 90 }];
  for (const line of table.info) {
    const row = info.addRow([line.label, line.value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    if (line.numFmt) row.getCell(2).numFmt = line.numFmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
