import type { DataSource } from 'typeorm';
import { exec } from '../../db/sql';

export interface SandboxEntry {
  groupId: number;
  direction: 'in' | 'out';
  senderName: string;
  text?: string;
  markdown?: string;
  imageUrls: string[];
  /** The card shown under the message (JSON of services/cards/card.ts Card). */
  card?: unknown;
  at: number;
}

/** What the sandbox groups show; in the database so a restart or a second instance shows the same history. */
export class SandboxStore {
  constructor(private readonly ds: DataSource) {}

  async append(e: SandboxEntry): Promise<number> {
    const { insertId } = await exec(this.ds, `INSERT INTO sandbox_message (group_id, direction, sender_name, text, markdown, image_urls, card, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      e.groupId, e.direction, e.senderName.slice(0, 100), e.text ?? null, e.markdown ?? null, JSON.stringify(e.imageUrls), e.card ? JSON.stringify(e.card) : null, e.at,
    ]);
    return Number(insertId);
  }

  async after(seq: number, limit = 500): Promise<(SandboxEntry & { seq: number })[]> {
    const rows: any[] = await this.ds.query(`SELECT * FROM sandbox_message WHERE id > ? ORDER BY id LIMIT ${limit}`, [seq]);
    return rows.map((r) => ({
      seq: Number(r.id), groupId: Number(r.group_id), direction: r.direction, senderName: r.sender_name,
      text: r.text ?? undefined, markdown: r.markdown ?? undefined, imageUrls: JSON.parse(r.image_urls ?? '[]'), card: r.card ? JSON.parse(r.card) : undefined, at: Number(r.at),
    }));
  }
}
