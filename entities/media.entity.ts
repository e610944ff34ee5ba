import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** A picture sent to the bot (hazard photo, after-photo) or a chart it drew; kept in the database so every instance serves it. */
export interface Media {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  unitId: number | null;
  data: Buffer;
  createdAt: number;
}

export const MediaEntity = new EntitySchema<Media>({
  name: 'Media',
  tableName: 'media',
  columns: {
    id: pk,
    sha256: str(64),
    mime: str(64),
    size: int(),
    unitId: { ...int(true), name: 'unit_id' },
    data: { type: 'blob' },
    createdAt: { ...ms(), name: 'created_at' },
  },
});
