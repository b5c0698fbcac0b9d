// Writes units.geojson (a FeatureCollection whose properties are the columns of docs/data-formats.md)
// and lineage.csv for a universe.
import { writeFileSync } from 'node:fs';
import { CsvWriter } from './csv-writer.ts';
import type { Universe } from './universe.ts';

export function writeUnits(path: string, universe: Universe): { rows: number; bytes: number } {
  const features = universe.units.map((u) => ({
    type: 'Feature',
    properties: {
      unit_id: u.unit_id,
      code: u.code,
      name: u.name,
      name_en: u.name_en,
      level: u.level,
      parent_id: u.parent_id,
      valid_from: u.valid_from,
      valid_to: u.valid_to,
      area_km2: u.area_km2,
      is_base: u.is_base,
    },
    geometry: u.geometry,
  }));
  // one feature per line: readable, diffable, and still one JSON document
  const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(path, text);
  return { rows: features.length, bytes: Buffer.byteLength(text) };
}

export function writeLineage(path: string, universe: Universe): { rows: number; bytes: number } {
  const out = new CsvWriter(path, ['from_unit_id', 'to_unit_id', 'effective_on', 'kind', 'share']);
  for (const l of universe.lineage) out.row([l.from_unit_id, l.to_unit_id, l.effective_on, l.kind, l.share]);
  return { rows: out.rows, bytes: out.close() };
}
