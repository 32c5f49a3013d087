import type { Lang } from './i18n.js';

/** What a finding says, in the languages it may carry; findings stored before `messageEn` existed lack it. */
export interface FindingMessages {
  message: string;
  messageEn?: string | undefined;
}

/** A finding's message in the UI's language: English when the finding has it, else the Vietnamese one. */
export function findingText(finding: FindingMessages, lang: Lang): string {
  return lang === 'en' && finding.messageEn ? finding.messageEn : finding.message;
}
