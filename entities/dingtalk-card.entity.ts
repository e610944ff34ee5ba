import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/**
 * A DingTalk StandardCard interactive card the robot sent (DINGTALK_CARDS=interactive): its cardBizId (the callback's
 * outTrackId), the chat it went to, and the tap keys its buttons carry now. A card callback is taken only for a card
 * listed here, from the chat it went to, for one of the keys it shows; read and written through
 * src/db/repositories/dingtalk-card.repository.ts.
 */
export interface DingtalkCard {
  id: number;
  cardBizId: string;
  /** Our chat id (the conversationId of a group, `single:<staffId>` of a single chat). */
  chatId: string;
  /** JSON array of the tap keys (the buttons' command keys) on the card as it shows now. */
  tapKeys: string;
  /** Inbound id of the tap whose answer last updated the card (null: never updated); an update is claimed by raising it. */
  updatedBy: number | null;
  createdAt: number;
  updatedAt: number;
}

export const DingtalkCardEntity = new EntitySchema<DingtalkCard>({
  name: 'DingtalkCard',
  tableName: 'dingtalk_card',
  columns: {
    id: pk,
    cardBizId: { ...str(128), name: 'card_biz_id' },
    chatId: { ...str(191), name: 'chat_id' },
    tapKeys: { ...text(false), name: 'tap_keys' },
    updatedBy: { ...int(true), name: 'updated_by' },
    createdAt: { ...ms(), name: 'created_at' },
    updatedAt: { ...ms(), name: 'updated_at' },
  },
  uniques: [{ name: 'uq_dingtalk_card_biz', columns: ['cardBizId'] }],
});
