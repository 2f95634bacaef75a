// Minimal typings for the part of @nlpjs/lang-de that Lotse uses (the package ships none).
declare module '@nlpjs/lang-de/src/stemmer-de.js' {
  /** Snowball German stemmer. Expects a lower-case word. */
  class StemmerDe {
    constructor();
    stemWord(word: string): string;
  }
  export = StemmerDe;
}
