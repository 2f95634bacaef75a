/**
 * A short, reviewed stop-word list (folded forms). Deliberately NOT the usual German list:
 * that one deletes real terms and abbreviations such as ab (AB = Ausländerbehörde), zeit,
 * recht, teil, jahr, gut, arbeit. Only articles, pronouns, auxiliaries, conjunctions and
 * prepositions that never carry a topic are here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `der die das den dem des ein eine einer eines einem einen
  und oder aber auch als am an auf aus bei beim bin bis bist da damit dann dass dein deine
  denn dessen dies diese diesem diesen dieser dieses doch dort du durch er es euch euer
  fur hat hatte hatten habe haben hab hier ich ihm ihn ihr ihre ihrem ihren ihrer im in ins
  ist ja jede jedem jeden jeder jedes kann konnen konnte man mein meine mich mir mit nach
  nicht noch nun nur ob sich sie sind so soll sollte uber um uns unser unsere unter vom von
  vor war waren was weil wenn werden wurde wurden wie wieder wir wird wo zu zum zur
  sein seine seiner seinem seinen sei wer wen wem welche welcher welches dazu daher also
  etwa sowie bzw usw etc ca zb dh ggf evtl bitte mal schon sehr ganz alle allen aller alles
  kein keine keinen keinem keiner keines gibt gibts geht gehts muss musste mussen jetzt
  eigentlich gerade immer`
    .split(/\s+/)
    .filter(Boolean),
);

/** True for a folded word that should not become a term. */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}
