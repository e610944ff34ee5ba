import { In } from 'typeorm';
import { MediaEntity, type Media } from '../../../entities/media.entity';
import { Room, type Db } from './base';

/** Pictures and files kept in the database (so every instance serves them). */
export class MediaRepository extends Room {
  async insert(m: Omit<Media, 'id'>): Promise<number> {
    const res = await this.repo(MediaEntity).insert(m);
    return Number(res.identifiers[0].id);
  }

  load(id: number): Promise<Pick<Media, 'id' | 'data' | 'mime' | 'unitId'> | null> {
    return this.repo(MediaEntity).findOne({ select: { id: true, data: true, mime: true, unitId: true }, where: { id } });
  }

  async setUnit(id: number, unitId: number): Promise<void> {
    await this.repo(MediaEntity).update({ id }, { unitId });
  }

  /** Deletes those of these pictures that no hazard took (ix_hazard_photo_media answers the NOT IN per id). */
  async deleteUnused(ids: number[]): Promise<void> {
    if (!ids.length) return;
    const qb = this.em.createQueryBuilder().delete().from(MediaEntity)
      .where({ id: In(ids) }).andWhere('id NOT IN (SELECT hp.media_id FROM hazard_photo hp WHERE hp.media_id IN (:...ids))', { ids });
    await this.affected(qb);
  }
}

export const media = (db: Db) => new MediaRepository(db);
