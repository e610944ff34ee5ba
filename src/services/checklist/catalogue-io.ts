/**
 * Export and import of a (possibly school-edited) catalogue. Import is all or
 * nothing: any bad row returns the full list of row errors and no catalogue.
 * Persisting the result is the caller's job.
 */
import { importCatalogueXlsx } from './catalogue-xlsx.js';
import { importCatalogueYaml } from './catalogue-yaml.js';
import type { ImportResult } from './catalogue-schema.js';

export { exportCatalogueXlsx } from './catalogue-xlsx.js';
export { exportCatalogueYaml } from './catalogue-yaml.js';
export type { ImportError, ImportResult } from './catalogue-schema.js';

export type CatalogueFormat = 'xlsx' | 'yaml';

/** Async because exceljs reads workbooks asynchronously; yaml resolves at once. */
export async function importCatalogue(buffer: Buffer | string, format: CatalogueFormat): Promise<ImportResult> {
  if (format === 'xlsx') {
    if (typeof buffer === 'string') return { ok: false, errors: [{ row: 0, message: 'xlsx 文件需要以二进制内容上传' }] };
    return importCatalogueXlsx(buffer);
  }
  const text = typeof buffer === 'string' ? buffer : buffer.toString('utf8');
  return importCatalogueYaml(text.replace(/^\uFEFF/, ''));
}
