// Names of people as a question may carry them (a leaf module: query.ts, items.ts and people.ts all read it).

/**
 * A person as leaders name them: a full name or a surname with a title (李老师, 王安全员). Han characters (and ·) or a
 * Latin name; nothing that could carry markup, SQL or instructions.
 */
export const PERSON_NAME = /^(?:[\u4e00-\u9fa5·]{2,10}|[A-Za-z][A-Za-z .'-]{1,29})$/;
/** Titles said after a surname: 李老师 means anyone named 李… who reported or owns the hazard. */
export const PERSON_TITLES = ['副校长', '校长', '副园长', '园长', '老师', '师傅', '安全员', '主任', '书记', '科长', '股长', '干事', '校医', '宿管', '保安', '组长', '会计', '阿姨'] as const;
