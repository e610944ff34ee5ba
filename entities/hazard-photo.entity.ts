import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** A picture attached to a hazard: as reported, or after rectification. */
export interface HazardPhoto {
  id: number;
  hazardId: number;
  mediaId: number;
  kind: 'report' | 'after';
  at: number;
  sourceMsg: string | null;
}

export const HazardPhotoEntity = new EntitySchema<HazardPhoto>({
  name: 'HazardPhoto',
  tableName: 'hazard_photo',
  columns: {
    id: pk,
    hazardId: { ...int(), name: 'hazard_id' },
    mediaId: { ...int(), name: 'media_id' },
    kind: str(8),
    at: ms(),
    sourceMsg: { ...str(191, true), name: 'source_msg' },
  },
});
