import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { runQuotesBench } from "../../bench/quotes.js";
import { analyzeText } from "../../src/analyze/index.js";
import {
  type ExtractedQuote,
  extractQuotes,
  findAttributions,
  findAttributionsWith,
  intermediaryName,
} from "../../src/analyze/quotes/index.js";
import { findQuotations } from "../../src/analyze/quotes/marks.js";
import { unrecognisedSpeakers } from "../../src/analyze/quotes/speakers.js";
import { splitSentences } from "../../src/analyze/sentences.js";
import type { EntityType, Mention } from "../../src/model/article.js";
import { SAMPLE_DIR, SKIP_NO_BENCH } from "../helpers/shared.js";

/** Quotes of `t`, with the mentions the NER stage would give (none given: fallback mentions). */
const quotes = (t: string, mentions?: Mention[]) =>
  extractQuotes(t, { sentences: splitSentences(t), mentions });
const find = (qs: ExtractedQuote[], words: string) => {
  const q = qs.find((x) => x.text.includes(words));
  assert.ok(q, `no quote containing "${words}" in ${JSON.stringify(qs.map((x) => x.text))}`);
  return q;
};
const speakerOf = (t: string, words: string) => find(quotes(t), words).speaker?.text;
/** The rules' attributions alone, without the learned decisions (those may still drop a quote). */
const rulesOf = (t: string) => findAttributionsWith(t, splitSentences(t), null);
/** The source text of the rules' first attribution with cue word `cue`, or null. */
const ruleSource = (t: string, cue: string) => {
  const a = rulesOf(t).find((x) => x.cueText === cue);
  return a?.source ? t.slice(a.source.start, a.source.end) : null;
};
/** A mention of the first occurrence of `w` in `t`, as the NER stage would give it. */
const mentionAt = (t: string, w: string, type: EntityType): Mention => ({
  start: t.indexOf(w),
  end: t.indexOf(w) + w.length,
  text: w,
  type,
  entity: `${type}:${w.toLowerCase()}`,
});
/** The text from the first to the last part of the content of the rules' first attribution (with cue word `cue`). */
const firstContent = (t: string, cue?: string) => {
  const a = rulesOf(t).find((x) => cue === undefined || x.cueText === cue);
  return a && t.slice(a.content[0].start, a.content[a.content.length - 1].end);
};
/** The content parts of the rules' first attribution (with cue word `cue`), as text. */
const contentParts = (t: string, cue?: string) =>
  rulesOf(t)
    .find((x) => cue === undefined || x.cueText === cue)
    ?.content.map((p) => t.slice(p.start, p.end));
const sample = (prefix: string) => {
  const f = readdirSync(SAMPLE_DIR).find((n) => n.startsWith(prefix));
  assert.ok(f, `sample ${prefix} missing`);
  return readFileSync(join(SAMPLE_DIR, f), "utf8");
};

test("quotation marks: curly, straight, nested and multi-paragraph", () => {
  const t = '"The fate of "White Helmets" is sealed," he said.\n\n“First part.\n\n“Second part,” she said.';
  const qs = findQuotations(t).filter((q) => !q.single);
  assert.equal(qs.length, 2);
  assert.equal(t.slice(qs[0].start, qs[0].end), '"The fate of "White Helmets" is sealed,"');
  assert.equal(qs[1].parts.length, 2, "a paragraph left open and reopened is one quotation");
});

test("single marks quote in British style and in headlines, and stay nested or apostrophes elsewhere", () => {
  const british =
    "The minister spoke on Monday. ‘We will not back down,’ she said. ‘This is about our future.’";
  const qs = findQuotations(british);
  assert.deepEqual(
    qs.map((q) => q.single),
    [false, false],
  );
  const a = quotes(british);
  assert.equal(a.length, 1);
  assert.equal(a[0].speaker?.text, "she");
  assert.match(a[0].text, /our future/);
  const headline =
    "DNC Issues ‘Deep and Sincere Apology’ to Sanders\n\nThe party said it was “sorry,” and it's 'over' now.";
  const hq = findQuotations(headline);
  assert.deepEqual(
    hq.map((q) => [headline.slice(q.start, q.end), q.single]),
    [
      ["‘Deep and Sincere Apology’", false],
      ["“sorry,”", false],
      ["'over'", true],
    ],
  );
});

test("British style: single-mark quotes hold double ones and go on over paragraphs", () => {
  const t =
    "Intro.\n\n‘This is a day of shame,’ Mr Johnson told MPs. ‘The opposition called it “a betrayal”, and they were right.\n\n" +
    "‘We will not stand for it,’ he added.\n\nThe report was ‘flawed’, she said.";
  const qs = findQuotations(t);
  const long = qs.find((q) => t.slice(q.start, q.end).startsWith("‘The opposition"));
  assert.ok(long, JSON.stringify(qs.map((q) => t.slice(q.start, q.end))));
  assert.equal(long.single, false);
  assert.deepEqual(
    long.parts.map((p) => t.slice(p.start, p.end)),
    ["‘The opposition called it “a betrayal”, and they were right.", "‘We will not stand for it,’"],
  );
  assert.equal(speakerOf(t, "stand for it"), "he");
  // US style: a double quotation still ends a stray single mark before it.
  const us = "Intro. The ‘90s were “good times,” he said, and it’s over.";
  assert.deepEqual(
    findQuotations(us).map((q) => us.slice(q.start, q.end)),
    ["“good times,”"],
  );
});

test("quotation marks typed the wrong way round still pair", () => {
  const t =
    "“It could create problems for her,“ said Jim Clyburn.\n\n\u202a”This is why they must go,” said John Krystek.";
  const qs = findQuotations(t).filter((q) => !q.single);
  assert.deepEqual(
    qs.map((q) => t.slice(q.start, q.end)),
    ["“It could create problems for her,“", "”This is why they must go,”"],
  );
  assert.equal(speakerOf(t, "It could create problems"), "Jim Clyburn");
});

test("frames after a quotation holding a full stop, and before a prepositional phrase", () => {
  const t =
    "Intro.\n\n''That would have been fairer. It also would have helped,'' the White House press secretary, Josh Earnest, said on Tuesday.";
  assert.equal(speakerOf(t, "It also would have helped"), "the White House press secretary");
  const c = quotes('Intro. "Boots on the ground" would be appropriate, Ben Carson said after the attacks.');
  assert.equal(find(c, "Boots on the ground").speaker?.text, "Ben Carson");
  assert.ok(!c.some((q) => q.text.startsWith("after")), JSON.stringify(c.map((q) => q.text)));
});

test("direct quote with speaker after, inverted, and before with a colon", () => {
  const t =
    'Big news. "We will win," Smith said. "It is over," said Jane Doe, a senior aide. ' +
    "Mr. Brown told reporters: “Nothing has changed.”";
  const qs = quotes(t);
  const a = find(qs, "We will win");
  assert.equal(a.direct, true);
  assert.equal(a.speaker?.text, "Smith");
  assert.equal(a.cue, "said");
  assert.equal(a.text, "We will win,", "content is the quoted words without the marks");
  assert.equal(find(qs, "It is over").speaker?.text, "Jane Doe");
  assert.equal(find(qs, "Nothing has changed").speaker?.text, "Mr. Brown");
});

test("a quotation resumed after a frame with a phrase or an appositive continues the quote", () => {
  const t =
    "Intro. “To the extent they care,” he said of the campaign, “I’m sure I pleased all of them.” " +
    '"This used to be Russia\'s back yard," said Raffaello Pantucci, director of studies at an institute in London, "but it is coming into China\'s thrall."';
  for (const a of rulesOf(t)) assert.equal(a.content.length, 2);
  assert.equal(speakerOf(t, "China"), "Raffaello Pantucci");
  // A cue between the frame and the quotation starts a quote of its own.
  const u = "Intro. “We will win,” said Smith, who called the plan “a disaster.”";
  const [first] = findAttributionsWith(u, splitSentences(u), null);
  assert.equal(first.content.length, 1);
});

test("adverbs and day names between a speaker and the cue", () => {
  for (const w of ["however", "Sunday", "too", "meanwhile"]) {
    const t = `Intro. Carter ${w} said he would welcome a “principled security network” for Asia.`;
    assert.equal(speakerOf(t, "principled security network"), "Carter", w);
  }
});

test("a quote continues over a cue nested in its own frame", () => {
  const t =
    'Intro. "His supporters are intense," said Rep. Beto O\'Rourke, a Clinton endorser who suggested that ' +
    'Sanders could pull out new voters. "In El Paso, she crushed him."';
  // The rules alone (no learned merge) give one attribution of two parts.
  const direct = rulesOf(t).filter((a) => t[a.content[0].start] === '"');
  assert.equal(
    direct.length,
    1,
    JSON.stringify(direct.map((a) => t.slice(a.content[0].start, a.content[0].end))),
  );
  assert.equal(direct[0].content.length, 2);
});

test("a quotation ending in a question frames nothing in the next paragraph", () => {
  const t =
    "“Of course not,” Cruz said. “What world are we in, where reporters ask, ‘Should staffers assault reporters?’”\n\n" +
    "Former reporter Michelle Fields accused the campaign manager of grabbing her.";
  const qs = quotes(t);
  assert.equal(find(qs, "What world").speaker?.text, "Cruz");
  assert.ok(!qs.some((q) => q.speaker?.text.includes("Fields") && q.text.includes("What world")));
  // In the same paragraph the frame still follows the question: `“Why?” Trump asked.`
  assert.equal(speakerOf("Intro. “Why would we do that?” Trump asked.", "Why would"), "Trump");
});

test("a quote continued after the cue in the same paragraph is one quote", () => {
  const qs = quotes("“We are ready,” Jones said. “And we will stay.”\n\nOther news.");
  assert.equal(qs.length, 1);
  assert.equal(qs[0].parts.length, 2);
  assert.match(qs[0].text, /stay/);
});

test("a speaker described with a prepositional phrase", () => {
  const qs = quotes("Intro.\n\n“The facts have not changed,” a spokesman for the State Department said.");
  assert.equal(find(qs, "facts have not changed").speaker?.text, "a spokesman for the State Department");
});

test("a quotation paragraph after a quote with a long frame continues it", () => {
  const qs = quotes(
    "Intro.\n\n“We like many of the candidates,” Adelson said during the interview in Macau, ahead of the St. Regis opening.\n\n“It is changing every day.”\n\nOther news.",
  );
  const q = find(qs, "We like many");
  assert.equal(q.parts.length, 2, JSON.stringify(qs.map((x) => x.text)));
  assert.match(q.text, /changing every day/);
});

test("a speaker right after the quotation, before an appositive with several commas", () => {
  const qs = quotes(
    "Intro.\n\n“Both of them scare me,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, said in an interview.",
  );
  assert.equal(find(qs, "Both of them scare me").speaker?.text, "Harry Bond");
});

test("speakers with a name suffix, an -ing adjective, or a description after the name", () => {
  assert.equal(speakerOf('Intro. "Twitter works," James Comey Jr. said.', "Twitter works"), "James Comey Jr");
  // The rules' parse (the learned keep decision may still drop a quote; not what this tests).
  const ruleSpeaker = (t: string) => {
    const [a] = rulesOf(t);
    return a?.source ? t.slice(a.source.start, a.source.end) : null;
  };
  assert.equal(
    ruleSpeaker('Intro. "The odds are high," said a leading advocate of the plan.'),
    "a leading advocate of the plan",
  );
  const t =
    "Intro.\n\n''That was a good speech,'' Representative Steve Cohen, Democrat of Tennessee, told Mr. Obama as he stopped for a picture.";
  const q = find(quotes(t), "That was a good speech");
  assert.equal(q.speaker?.text, "Representative Steve Cohen");
  assert.equal(q.text, "That was a good speech,");
  // After an inverted name and a comma comes an appositive, not the content.
  const qs = quotes(
    "Intro. “We’re extremely happy” about it, said RoseAnn DeMoro, executive director of the union.",
  );
  assert.equal(find(qs, "extremely happy").speaker?.text, "RoseAnn DeMoro");
  assert.ok(!qs.some((x) => x.text.startsWith("executive director")), JSON.stringify(qs.map((x) => x.text)));
});

test("an -ing word after a determiner or 'percent' is a noun, not a cue", () => {
  const qs = quotes("She pointed to his 22 percent showing in Miami-Dade County in the primary.");
  assert.ok(!qs.some((x) => x.cue === "showing"), JSON.stringify(qs));
});

test("standalone speakers ('tweeted another'), a lone 'Will' before a cue, and ', adding' after a quotation", () => {
  assert.equal(speakerOf('Intro. "Watch out for Grimes," tweeted another.', "Watch out"), "another");
  assert.equal(speakerOf("Intro. “This might end it,” Will wrote.", "This might end it"), "Will");
  const qs = quotes(
    "Intro. Trump told Newsmax that Romney “had a crazy policy,” adding, “He lost all of the Latino vote.”",
  );
  const told = qs.find((q) => q.cue === "told");
  assert.ok(told && !told.text.includes("adding"), JSON.stringify(qs.map((q) => q.text)));
  assert.equal(find(qs, "He lost all").speaker?.text, "Trump");
});

test("a verb the lexicon lacks frames a quotation followed by a speaker ending the clause", () => {
  assert.equal(
    speakerOf(
      "Intro.\n\n“This is fantastic!” beamed Donald Hartley of Madison, Alabama.",
      "This is fantastic",
    ),
    "Donald Hartley of Madison",
  );
  assert.equal(speakerOf("Intro.\n\n“This is a big win for me,” I confessed. It was.", "big win"), "I");
});

test("a quotation inside a clause without a cue is added with the subject of the nearest verb", () => {
  // The learned add decision may decline; the rules' candidate is what is tested here.
  const speakerOfAdded = (t: string, words: string) => {
    const a = findAttributionsWith(t, splitSentences(t), () => true).find((x) =>
      x.content.some((p) => t.slice(p.start, p.end).includes(words)),
    );
    return a?.source ? t.slice(a.source.start, a.source.end) : null;
  };
  assert.equal(
    speakerOfAdded(
      "Intro. It is strange that Trump would denounce “self-deportation,” which is odd.",
      "self-deportation",
    ),
    "Trump",
  );
  assert.equal(
    speakerOfAdded(
      "Intro. Maybe he figures that a guest gig on “Saturday Night Live” was reward enough.",
      "Saturday",
    ),
    "he",
  );
});

test("a cue coordinated by 'and', or a participle after a long clause, takes the clause's first subject", () => {
  const ruleSpeakers = (t: string) =>
    rulesOf(t).map((a) => [
      t.slice(a.cue.start, a.cue.end),
      a.source ? t.slice(a.source.start, a.source.end) : null,
    ]);
  assert.deepEqual(
    ruleSpeakers(
      'Intro. Sunday morning, Clinton slammed the shift as a conversion and accused Sanders of a "flip-flop."',
    ),
    [["accused", "Clinton"]],
  );
  const t =
    "Intro. Michael J. Petrilli, president of the Fordham Institute, tied those scores to graduation rates, saying the law helped “millions of kids.”";
  assert.ok(
    ruleSpeakers(t).some(([cue, src]) => cue === "saying" && src === "Michael J. Petrilli"),
    JSON.stringify(ruleSpeakers(t)),
  );
});

test("a time word right after a closing mark ends the reported clause", () => {
  const t =
    'Intro. Trump praised his campaign manager as a "very decent man" Tuesday, hours after the charge.';
  assert.equal(firstContent(t), 'his campaign manager as a "very decent man"');
});

test("a spaced hyphen used as a dash, or ', but' and a new subject, ends the reported clause", () => {
  assert.equal(
    firstContent(
      'Intro. Trump said he would "bomb the oil fields" seized by the Islamic State - a vow he repeated.',
    ),
    'he would "bomb the oil fields" seized by the Islamic State',
  );
  assert.equal(
    firstContent(
      "Intro. Sanders said there had been “good gains” in the platform, but he pressed Clinton to do more.",
    ),
    "there had been “good gains” in the platform",
  );
  // Hyphens inside words and paired dashes around an aside are no clause ends.
  assert.equal(
    firstContent('Intro. Trump said his long-term plan - a wall - would "work" on the border.'),
    'his long-term plan - a wall - would "work" on the border',
  );
});

test("a clause before a frame starts where its quotation's sentence starts, across full stops inside it", () => {
  const t =
    "Intro. GOP nominees “were stiff. They weren’t fun. There was no joy” in comparison to Obama, Gingrich said.";
  assert.equal(
    firstContent(t),
    "GOP nominees “were stiff. They weren’t fun. There was no joy” in comparison to Obama",
  );
});

test("a frame opened by a capitalised cue verb before a colon names the speaker after it", () => {
  const t = "Intro here.\n\nStated Stone:\n\n“I think that the stakes are so high and the fraud is real.”";
  assert.equal(speakerOf(t, "the stakes are so high"), "Stone");
});

test("a sentence-initial quotation without a cue of its own continues the quote", () => {
  const qs = quotes(
    "Intro.\n\n“Our members are frustrated,” said Jack Mozloom, a spokesman for the federation. “He has been very aggressive” on the overtime rule.\n\nOther news.",
  );
  const q = find(qs, "Our members are frustrated");
  assert.equal(q.parts.length, 2, JSON.stringify(qs.map((x) => x.text)));
  assert.match(q.text, /very aggressive/);
});

test("names made of function words: Theresa May, Will Doyle", () => {
  const qs = quotes("Intro.\n\n“We will leave,” Theresa May said. “We will stay,” said Will Doyle.");
  assert.equal(find(qs, "We will leave").speaker?.text, "Theresa May");
  assert.equal(find(qs, "We will stay").speaker?.text, "Will Doyle");
});

test("according to a document, and a frame interrupting the clause", () => {
  const a = findAttributions("Intro.\n\nThe plan failed, according to the report released on Monday.");
  assert.equal(a.length, 1, JSON.stringify(a));
  assert.equal(a[0].kind, "according");
  const t = "Intro.\n\nOver the long term, according to the budget office, the rise in debt is due to aging.";
  const b = findAttributions(t);
  assert.equal(b.length, 1);
  assert.deepEqual(
    b[0].content.map((p) => t.slice(p.start, p.end)),
    ["Over the long term", "the rise in debt is due to aging"],
  );
});

test("attribution lines after a quotation: “...” ― Name, and a dash paragraph", () => {
  const t =
    "Readers wrote in.\n\n“He represents our greatest shame.” ― Sonya Herridge\u00a0\n“He is ignorant of our culture.”― Pamela Padilla.\n\n" +
    '"I helped write that bill."\n\n- Bernie Sanders.\n\nThe senator exaggerates.';
  const qs = quotes(t);
  assert.equal(find(qs, "greatest shame").speaker?.text, "Sonya Herridge");
  assert.equal(find(qs, "ignorant of our culture").speaker?.text, "Pamela Padilla");
  assert.equal(find(qs, "helped write").speaker?.text, "Bernie Sanders");
  assert.equal(qs.length, 3, "each line is its own quote");
});

test("speakers before a colon: a name after other words, a name or pronoun and a short verb", () => {
  const t =
    "Intro.\n\nThe timing does not surprise Republican pollster Daron Shaw: “Lesser-known candidates have seen the biggest boost.”\n\n" +
    "And Mr. Christie gloated: “I told you he would not be ready.”";
  const a = findAttributions(t);
  const src = (words: string) => {
    const x = a.find((r) => t.slice(r.content[0].start, r.content[0].end).includes(words));
    return x?.source ? t.slice(x.source.start, x.source.end) : null;
  };
  assert.equal(src("biggest boost"), "Republican pollster Daron Shaw");
  assert.equal(src("not be ready"), "Mr. Christie");
});

test("soft hyphens inside a name and 'no wonder' as a noun", () => {
  const qs = quotes(
    "Intro.\n\n“We won,” said Doug \u00adAndres. No wonder Trump said, “We love the poorly educated.”",
  );
  assert.equal(find(qs, "We won").speaker?.text.replace(/\u00ad/g, ""), "Doug Andres");
  assert.equal(find(qs, "poorly educated").speaker?.text, "Trump");
});

test("a quote over several paragraphs is one quote", () => {
  const qs = quotes(
    "Jones said: “We are ready.\n\n“We will stay as long as needed.”\n\nOther news follows here.",
  );
  assert.equal(qs.length, 1);
  assert.equal(qs[0].direct, true);
  assert.match(qs[0].text, /as long as needed/);
});

test("indirect speech: said that, said on Thursday, warned, denied, accused, according to", () => {
  const t =
    "Prime Minister Ann Lee said on Thursday that the talks had failed. " +
    "The ministry warned the ceasefire could collapse. " +
    "Mr. Ortiz denied any wrongdoing. " +
    "Lee accused the rebels of breaking the truce. " +
    "According to the United Nations, 300 families fled the town.";
  const qs = quotes(t);
  const said = find(qs, "the talks had failed");
  assert.equal(said.direct, false);
  assert.equal(said.cue, "said");
  assert.equal(said.speaker?.text, "Prime Minister Ann Lee");
  assert.ok(!said.text.includes("Thursday"), "the time phrase is not part of the content");
  assert.equal(find(qs, "ceasefire could collapse").speaker?.text, "The ministry");
  assert.equal(find(qs, "any wrongdoing").cue, "denied");
  assert.equal(find(qs, "the rebels of breaking").cue, "accused");
  const acc = find(qs, "300 families fled");
  assert.equal(acc.speaker?.text, "the United Nations");
});

test("pronouns and definite descriptions resolve to the latest fitting speaker", () => {
  const t =
    "Finance Minister Karl Weber said taxes would rise. He added that spending would fall. " +
    "“We have no choice,” the minister said. A senior official said the plan was final.";
  const qs = quotes(t);
  const key = find(qs, "taxes would rise").speaker?.entity;
  assert.ok(key);
  const he = find(qs, "spending would fall");
  assert.equal(he.speaker?.text, "He", "the speaker offsets point at the pronoun");
  assert.equal(he.speaker?.entity, key);
  assert.equal(find(qs, "no choice").speaker?.entity, key);
  const official = find(qs, "the plan was final");
  assert.equal(official.speaker?.text, "A senior official");
  assert.equal(official.speaker?.entity, null);
});

test("'the ministry' refers to an organisation named so, never to the dateline's news agency", () => {
  // The whole analysis, with NER mentions, as the product runs it.
  const speakers = (t: string) => analyzeText(t, null).quotes;
  const dateline =
    "LONDON (Reuters) - Officials met on Monday. At least 40 people were killed, the ministry said.";
  assert.equal(find(speakers(dateline) as ExtractedQuote[], "40 people").speaker?.entity, null);
  const named =
    "MOSCOW (Reuters) - The Russian Defence Ministry said the talks had ended. Gazprom said gas flows were normal. " +
    "Two soldiers were wounded, the ministry said. Interfax news agency said a deal was near. The agency said talks would resume.";
  const qs = speakers(named) as ExtractedQuote[];
  const ministry = find(qs, "talks had ended").speaker?.entity;
  assert.match(ministry ?? "", /ministry/);
  assert.equal(
    find(qs, "soldiers were wounded").speaker?.entity,
    ministry,
    "the named ministry, not the later Gazprom",
  );
  assert.match(
    find(qs, "talks would resume").speaker?.entity ?? "",
    /interfax/,
    "'the agency' may be a news agency",
  );
});

test("a base-form cue after an article and a noun is a compound noun ('a conference call', 'the TV show')", () => {
  const rules = (t: string) => rulesOf(t).map((a) => t.slice(a.cue.start, a.cue.end));
  assert.deepEqual(rules("Intro. Smith said on a conference call with reporters that the plan was dead."), [
    "said",
  ]);
  assert.deepEqual(rules("Intro. He appeared on the TV show “Face the Nation” on Sunday."), []);
  // Plural and collective subjects keep their verb.
  assert.deepEqual(rules("Intro. The officials say the plan is dead."), ["say"]);
  assert.deepEqual(rules("Intro. The police say the plan is dead."), ["say"]);
});

test("dotted acronyms inside speaker phrases, and a request for anonymity is no quote", () => {
  const rules = (t: string) =>
    rulesOf(t).map((a) => [
      a.source ? t.slice(a.source.start, a.source.end) : null,
      t.slice(a.content[0].start, a.content[a.content.length - 1].end),
    ]);
  assert.deepEqual(rules("Intro. The U.S. said the plan was dead."), [["The U.S", "the plan was dead"]]);
  assert.deepEqual(
    rules("Intro. According to the U.N. refugee agency, more than 1 million people have fled."),
    [["the U.N. refugee agency", "more than 1 million people have fled"]],
  );
  assert.deepEqual(rules("Intro. “It is a disaster,” said one resident, who asked not to be named."), [
    ["one resident", "“It is a disaster,”"],
  ]);
});

test("a place or demonym inside a description is not its speaker; 'said in a filing with X that'", () => {
  const qs = analyzeText(
    "Intro. “It’s over,” a senior Western diplomat said. Ukraine's foreign ministry said the strike killed 12 people. " +
      "The company said in a filing with the Securities and Exchange Commission that revenue fell 5%.",
    null,
  ).quotes as ExtractedQuote[];
  assert.equal(find(qs, "It’s over").speaker?.entity, null);
  assert.equal(find(qs, "strike killed").speaker?.entity, null);
  assert.equal(find(qs, "revenue fell").text, "that revenue fell 5%");
});

test("mentions from NER are used when given", () => {
  const t = "Vladimir Putin said the war was over.";
  const qs = quotes(t, [
    { start: 0, end: 14, text: "Vladimir Putin", type: "person", entity: "person:vladimir putin" },
  ]);
  assert.equal(qs[0].speaker?.entity, "person:vladimir putin");
});

test("via chains: cited as saying, quoted as saying, reported citing, X reported, told an outlet", () => {
  const t =
    '"We need balance," Interfax news agency cited Assad as saying. ' +
    "“It is not a defeat,” Al Jazeera quoted Putin as saying. " +
    "Foreign Minister Ana Diaz said on Friday that troops would stay, Spanish news agencies reported, citing an interview. " +
    "Diaz added that the base would expand, Reuters reported. " +
    "The war is not over, Hassan Sakr told Sputnik on Friday.";
  const qs = quotes(t);
  const a = find(qs, "We need balance");
  assert.equal(a.speaker?.text, "Assad");
  assert.deepEqual(a.via, ["Interfax"]);
  const p = find(qs, "not a defeat");
  assert.equal(p.speaker?.text, "Putin");
  assert.deepEqual(p.via, ["Al Jazeera"]);
  const d = find(qs, "troops would stay");
  assert.equal(d.speaker?.text, "Foreign Minister Ana Diaz");
  assert.deepEqual(d.via, ["Spanish news agencies"]);
  assert.ok(!qs.some((q) => q.cue === "reported"), "the relaying cue is folded into the chain");
  assert.deepEqual(find(qs, "the base would expand").via, ["Reuters"]);
  const s = find(qs, "The war is not over");
  assert.equal(s.speaker?.text, "Hassan Sakr");
  assert.deepEqual(s.via, ["Sputnik"]);
});

test("learned cue words (models/quotes-cues.json) cue quotations", () => {
  const q = find(quotes("“This is a disgrace to the party,” Jones blasted on Monday."), "disgrace");
  assert.equal(q.speaker?.text, "Jones");
  assert.equal(q.cue, "blasted");
});

test("refinement model: a short quotation inside its clause takes the clause (PolNeAR extent)", () => {
  const t = 'Trump\'s misinformation may be "strategic," said Jeffery Hemsley, a professor at Syracuse.';
  const q = find(quotes(t), "strategic");
  assert.equal(q.text, 'Trump\'s misinformation may be "strategic,"');
  assert.equal(q.speaker?.text, "Jeffery Hemsley");
});

test("scare quotes and titles without a cue are not quotes", () => {
  const qs = quotes("The so-called “peace plan” was published in “The Times” yesterday.");
  assert.equal(qs.length, 0);
});

test("speaker phrases: hyphenated adjectives, 'in' phrases, 'and', appositives with places", () => {
  const speaker = speakerOf;
  assert.equal(
    speaker("Intro.\n\n“He needs to stop,” the conservative-leaning newspaper wrote.", "needs to stop"),
    "the conservative-leaning newspaper",
  );
  assert.equal(
    speaker("Intro.\n\n“It is over,” officials in Kabul said.", "It is over"),
    "officials in Kabul",
  );
  assert.equal(
    speaker("Intro.\n\n“I warned you,” the Florida senator and presidential candidate said.", "warned you"),
    "the Florida senator and presidential candidate",
  );
  assert.equal(
    speaker(
      "Clinton, during a town hall meeting in Columbus, Ohio, said she was “going to put a lot of coal miners out of business.”",
      "coal miners",
    ),
    "Clinton",
  );
  assert.equal(
    speaker(
      "Sanders, meanwhile, who has no such endorsements, said that fact “speaks volumes.”",
      "speaks volumes",
    ),
    "Sanders",
  );
  assert.equal(
    speaker(
      "Intro.\n\nSchilling told WEEI: “I replied to the post. I didn't post that.”",
      "replied to the post",
    ),
    "Schilling",
  );
  // Inverted only when the name ends the clause.
  assert.equal(
    speaker(
      "Zeke Emanuel, an oncologist, said Obamacare so far has been “a success by any measure.”",
      "a success",
    ),
    "Zeke Emanuel",
  );
});

test("participle cues: their own subject, the clause subject before its verb, after a fronted clause", () => {
  const speaker = speakerOf;
  assert.equal(
    speaker(
      "Republicans chimed in, with Donald Trump tweeting that it was a “total disaster” for Clinton.",
      "disaster",
    ),
    "Donald Trump",
  );
  assert.equal(
    speaker("Trump issued a statement saying it was a “total disaster” for Clinton.", "disaster"),
    "Trump",
  );
  assert.equal(
    speaker(
      '“No chance,” Graham said on "Morning Joe," adding, “Kasich is an insider in an outsider year.”',
      "insider",
    ),
    "Graham",
  );
  assert.equal(
    speaker(
      "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”",
      "stiff",
    ),
    "Trump",
  );
});

test("quotation pairing and framing: NYT triple apostrophes, a full stop inside, a quotation inside its clause", () => {
  const t =
    "Intro. ''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said.\n\n" +
    "He spoke.\n\n“I hope you’re able to find the 30,000 emails that are missing.” Trump said.\n\n" +
    "Wednesday on Fox News Channel’s “Hannity,” Newt Gingrich said if Trump picked him it would be a “two-pirate ticket.”";
  const qs = quotes(t);
  assert.equal(find(qs, "Kosovo is a special case").speaker?.text, "Mr. Putin");
  assert.equal(find(qs, "30,000 emails").speaker?.text, "Trump");
  const g = find(qs, "two-pirate ticket");
  assert.equal(g.speaker?.text, "Newt Gingrich");
  assert.ok(g.text.startsWith("if Trump picked him"), g.text);
  assert.ok(!qs.some((q) => q.text === "Hannity,"), "a show title before the frame is not the quote");
});

test("reported clauses: a dash aside stays inside, an addressee ends at a determiner, a learned cue holds its quotation", () => {
  const rules = (t: string) =>
    findAttributions(t).map((a) => a.content.map((p) => t.slice(p.start, p.end)).join(" + "));
  const aside =
    "And he said that Clinton’s call to “make America whole again” — itself a rebuttal to another slogan — was an inferior slogan.";
  assert.ok(
    rules(aside).some((c) => c.endsWith("was an inferior slogan")),
    JSON.stringify(rules(aside)),
  );
  const told = "Murphy, the head of the group, told reporters the war would end soon.";
  assert.ok(rules(told).includes("the war would end soon"), JSON.stringify(rules(told)));
  const decried = "Clinton decried the GOP for “turning its back” on working and middle class citizens.";
  const d = find(quotes(decried), "turning its back");
  assert.equal(d.speaker?.text, "Clinton");
  assert.ok(d.text.startsWith("the GOP for"), d.text);
});

test("one attribution per quotation: duplicate cues and an outer frame around an inner one", () => {
  const dup =
    "Hillary Clinton posted a comment of her own, saying, “We’re so excited to meet our second grandchild!”";
  assert.equal(quotes(dup).filter((q) => q.text.includes("grandchild")).length, 1);
  const outer =
    "Sanders issued a statement on Monday saying he would direct the agency “to immediately stop initiating deportations” of children.";
  assert.equal(quotes(outer).filter((q) => q.text.includes("deportations")).length, 1);
});

test("a text opening with a full stop before a quotation does not crash the phrase walk (fuzz seed 1019632781)", () => {
  for (const t of [".“We are going to win this race today,”", '."We are going to win this race," said'])
    assert.doesNotThrow(() => quotes(t), t);
});

test("no speaker: a passive cue, a time phrase, a phrase inside the content", () => {
  const q = find(
    quotes("Intro. The new project will informally be dubbed the “Defeat Crooked Hillary PAC.”"),
    "Defeat",
  );
  assert.equal(q.speaker, null);
});

// --- The seeds -------------------------------------------------------------------------------

for (const id of ["000", "001"]) {
  test(`seed ${id}: every quotation is Assad's, via Interfax or TASS as the text says`, () => {
    const t = sample(id);
    const qs = quotes(t).filter((q) => q.direct);
    assert.ok(qs.length >= 4);
    for (const q of qs) {
      assert.match(q.speaker?.entity ?? "", /assad/, `speaker of "${q.text.slice(0, 40)}"`);
      const said = t.slice(q.end, t.indexOf("\n", q.end) < 0 ? t.length : t.indexOf("\n", q.end));
      assert.deepEqual(q.via, [said.includes("TASS") ? "TASS" : "Interfax"], q.text.slice(0, 40));
    }
    const first = find(quotes(t), "Russian forces were needed");
    assert.match(first.speaker?.entity ?? "", /assad/);
    assert.deepEqual(first.via, ["Russian news agencies"]);
  });
}

test("seed 001: 'He added ..., Interfax reported' is Assad via Interfax", () => {
  const q = find(quotes(sample("001")), "Hmeimim military base");
  assert.equal(q.speaker?.text, "He");
  assert.match(q.speaker?.entity ?? "", /assad/);
  assert.deepEqual(q.via, ["Interfax"]);
});

test("seed 003: both quotations are Hassan Sakr's", () => {
  const qs = quotes(sample("003")).filter((q) => q.direct);
  assert.equal(qs.length, 2);
  for (const q of qs) assert.match(q.speaker?.entity ?? "", /hassan sakr/);
  assert.equal(qs[1].speaker?.text, "the politician");
});

test("seed 004: Putin's quotations are his, via Al Jazeera", () => {
  const t = sample("004");
  const qs = quotes(t);
  for (const words of [
    "You want to present",
    "I assure you",
    "We maintain relations",
    "prevent a terrorist enclave",
    "will definitely talk to him",
    "he would ask Assad",
  ]) {
    const q = find(qs, words);
    assert.match(q.speaker?.entity ?? "", /putin/, words);
    assert.deepEqual(q.via, ["Al Jazeera"], words);
  }
});

test("an intermediary frame around a speaker's words joins the speaker's chain instead of replacing them", () => {
  // "as per X" claims the same quotation as "Putin said": the quote is Putin's, via X.
  const t1 =
    "On Thursday, Putin said he had not yet met the former ruler, but that he “will definitely talk to him” and planned to meet him, as per Al Jazeera.";
  const q1 = find(quotes(t1), "will definitely talk");
  assert.equal(q1.speaker?.text, "Putin");
  assert.deepEqual(q1.via, ["Al Jazeera"]);
  // "He mentioned ..., Al Jazeera reported": the nested speaker's quote stays, with the outlet.
  const t2 =
    "Putin spoke in Moscow. He mentioned he would ask about the fate of a reporter whose release was described as a “top priority”, Al Jazeera reported.";
  const q2 = find(quotes(t2), "he would ask");
  assert.equal(q2.speaker?.text, "He");
  assert.deepEqual(q2.via, ["Al Jazeera"]);
  assert.ok(!quotes(t2).some((q) => q.speaker?.text === "Al Jazeera"), "the outlet is no speaker");
  // A document is no link of the chain; the one who issued it is.
  const t3 =
    "Assad met Putin. Syrian President announced that he won't meet Erdogan, according to an interview published by a Russian newspaper.";
  const mentions = [mentionAt(t3, "Assad", "person"), mentionAt(t3, "Putin", "person")];
  const [q3] = quotes(t3, mentions);
  assert.deepEqual(q3.via, []);
  assert.equal(q3.speaker?.text, "Syrian President");
  assert.equal(q3.speaker?.entity, "person:putin", "a bare role refers back like 'the president'");
  const t4 = "Rebels shelled the city, according to a report from the Interior Ministry.";
  assert.deepEqual(quotes(t4)[0]?.via ?? [], []);
  // A pronoun is no link; a document is not the latest organisation's.
  const t5 =
    "The festival in Cannes ended. Her lawyer issued a statement. The statement said the photographs show a strong relationship. " +
    "The magazine spoke to her friends. It quotes a friend as saying she was shaking.";
  const q5 = quotes(t5, [mentionAt(t5, "Cannes", "organization")]);
  assert.equal(find(q5, "the photographs show").speaker?.entity, null);
  assert.deepEqual(find(q5, "she was shaking").via, []);
});

test("speakers: 'she' is no man the text calls 'he'; 'the police chief' is the one introduced as police chief", () => {
  const t =
    "Cologne Police Chief Wolfgang Albers told a news conference that the attackers were drunk. He said police were looking into it. " +
    "Interior Minister Thomas de Maiziere told German television that he was flabbergasted. " +
    "A woman who gave only her first name said she had been robbed. She said the police did nothing. " +
    "The police chief said on Tuesday that more officers would be sent.";
  const mentions = [mentionAt(t, "Wolfgang Albers", "person"), mentionAt(t, "Thomas de Maiziere", "person")];
  const qs = quotes(t, mentions);
  assert.equal(find(qs, "the attackers were drunk").speaker?.entity, "person:wolfgang albers");
  assert.deepEqual(find(qs, "the attackers were drunk").via, [], "a news conference is no outlet");
  assert.equal(find(qs, "police were looking").speaker?.entity, "person:wolfgang albers");
  assert.deepEqual(find(qs, "he was flabbergasted").via, ["German television"]);
  assert.equal(find(qs, "the police did nothing").speaker?.entity, null, "'She' is not de Maiziere");
  assert.equal(find(qs, "more officers").speaker?.entity, "person:wolfgang albers");
  // Without a police chief introduced, a police chief "in Cologne" is no place.
  const t2 = "Thousands gathered in Cologne. The police chief in Cologne said the square was cleared.";
  const q2 = quotes(t2, [mentionAt(t2, "Cologne", "place")]);
  assert.equal(find(q2, "square was cleared").speaker?.entity, null);
  assert.equal(find(q2, "square was cleared").speaker?.text, "The police chief in Cologne");
});

test("speakers: a name the tagger typed 'other' that the text calls 'he' is a person for later pronouns", () => {
  const t =
    "Arians said he decided after Phil Dawson kicked the winning field goal. He told the players after the game.";
  const mentions = [mentionAt(t, "Arians", "other"), mentionAt(t, "Phil Dawson", "person")];
  const qs = quotes(t, mentions);
  assert.equal(find(qs, "after the game").speaker?.entity, "other:arians");
});

test("speakers: descriptions name whom the text introduced with that title, or no one", () => {
  const t =
    "North Korean leader Kim Jong-un watched the launch. UN Secretary-General Antonio Guterres called for restraint. " +
    "A spokesman for Russian President Vladimir Putin warned the launch would raise tensions. " +
    "Koichi Nakano, a professor at Sophia University, told CNN Abe's opponents are angry. " +
    "The Japanese government said the missile flew over Hokkaido. The government said it landed in the sea. " +
    "The UN leader said he would discuss the situation.";
  const mentions = [
    mentionAt(t, "Kim Jong-un", "person"),
    mentionAt(t, "Antonio Guterres", "person"),
    mentionAt(t, "Vladimir Putin", "person"),
    mentionAt(t, "Koichi Nakano", "person"),
    mentionAt(t, "Sophia University", "organization"),
    mentionAt(t, "CNN", "organization"),
  ];
  const qs = quotes(t, mentions);
  assert.equal(find(qs, "raise tensions").speaker?.entity, null, "the spokesman is not Putin");
  assert.deepEqual(find(qs, "are angry").via, ["CNN"]);
  assert.equal(find(qs, "it landed in the sea").speaker?.entity, null, "the same government as before: none");
  assert.equal(find(qs, "discuss the situation").speaker?.entity, "person:antonio guterres");
  const t2 = "An analyst at Goldman Sachs said prices would fall.";
  const q2 = quotes(t2, [mentionAt(t2, "Goldman Sachs", "organization")]);
  assert.equal(find(q2, "prices would fall").speaker?.entity, null, "the analyst speaks, not the bank");
  const t3 =
    "Chrissy Teigen was on board. An aviation source said the plane turned around. The crew had found an extra passenger, according to the source.";
  const q3 = quotes(t3, [mentionAt(t3, "Chrissy Teigen", "person")]);
  assert.equal(find(q3, "extra passenger").speaker?.entity, null, "'the source' is the aviation source");
});

test("PolNeAR dev: quality stays at or above the measured level", { skip: SKIP_NO_BENCH }, async () => {
  // Measured with `npm run bench:quotes` and the refinement model of models/quotes.json: direct
  // content F1 0.900 (issue floor 0.90, met with no margin), source 0.938, e2e 0.844; all
  // attributions 0.674 / 0.919. Retraining after a small rule change moves dev by about
  // ±0.002-0.005, so direct content is pinned with a margin below the measured figure.
  const r = await runQuotesBench("dev");
  assert.ok(r.ours.direct.content_f1 >= 0.88, `direct content F1 ${r.ours.direct.content_f1}`);
  assert.ok(r.ours.direct.source_acc >= 0.9, `direct source acc ${r.ours.direct.source_acc}`);
  assert.ok(r.ours.direct.e2e_f1 >= 0.8, `direct e2e F1 ${r.ours.direct.e2e_f1}`);
  assert.ok(r.ours.all.content_f1 >= 0.6, `all content F1 ${r.ours.all.content_f1}`);
  assert.ok(r.ours.all.source_acc >= 0.8, `all source acc ${r.ours.all.source_acc}`);
  assert.ok(r.ours.direct.e2e_f1 > r.baseline.direct.e2e_f1, "beats the regex baseline");
});

test("a speaker name the tagger missed becomes an entity, and pronouns resolve to it", () => {
  const qs = (t: string) => {
    const a = analyzeText(t, null);
    return { quotes: a.quotes as ExtractedQuote[], entities: a.entities };
  };
  // A one-word surname opening a sentence after a dateline: the CoNLL-trained tagger misses it.
  const a = qs(
    'WASHINGTON (Reuters) - Trump told supporters on Tuesday that the election was rigged. "We will win," he said. ' +
      "Aides to Trump declined to comment.",
  );
  const trump = find(a.quotes, "election was rigged").speaker?.entity;
  assert.equal(trump, "person:trump");
  assert.equal(find(a.quotes, "We will win").speaker?.entity, trump, "'he' is Trump");
  assert.ok(
    a.entities.some((e) => e.key === trump),
    "the speaker's entity is in the entity list",
  );
});

test("a missed speaker name is typed by the pronoun after it, and found wherever it recurs", () => {
  const t =
    "Nvidia said its quarterly sales rose. Shares of Nvidia fell. Zorvan said he would resign. Aides to Zorvan agreed.";
  const qs = quotes(t, []);
  const names = unrecognisedSpeakers(t, qs, [], new Set());
  assert.deepEqual(
    names.map((n) => [t.slice(n.start, n.end), n.type]),
    [
      ["Nvidia", "organization"],
      ["Nvidia", "organization"],
      ["Zorvan", "person"],
      ["Zorvan", "person"],
    ],
  );
  // Covered by a mention already, or a common word: nothing.
  const at = (w: string) => ({ start: t.indexOf(w), end: t.indexOf(w) + w.length });
  assert.deepEqual(unrecognisedSpeakers(t, qs, [at("Nvidia"), at("Zorvan")], new Set()), []);
  assert.deepEqual(unrecognisedSpeakers(t, qs, [], new Set(["nvidia", "zorvan"])), []);
  // Only ever at a sentence start: an ordinary word as far as the text shows.
  const u = "Zorvan said he would resign. Zorvan's aides agreed.";
  assert.deepEqual(
    unrecognisedSpeakers(u, extractQuotes(u, { sentences: splitSentences(u), mentions: [] }), [], new Set()),
    [],
  );
});

test("ordinary capitalised words before a cue are no speaker names, and no entity is invented", () => {
  const { quotes: qs, entities } = analyzeText(
    "Officials said on Monday that the bridge was closed. Workers said repairs would take weeks.\n\n" +
      "Keeps saying she opposed the war.\n\nConversely, critics argued the plan was costly.",
    null,
  );
  for (const q of qs) assert.equal(q.speaker?.entity ?? null, null, `${q.speaker?.text} got an entity`);
  assert.deepEqual(entities, []);
});

test("a missed name after a title is taken even when a longer phrase holding it was not", () => {
  const t = "The popularity of Mr. Zorvan shows voters are angry. Mr. Zorvan said he would win.";
  const sp = (s: string, from = 0) => ({
    speaker: { start: t.indexOf(s, from), end: t.indexOf(s, from) + s.length, text: s, entity: null },
  });
  const names = unrecognisedSpeakers(
    t,
    [sp("The popularity of Mr. Zorvan"), sp("Mr. Zorvan", 40)],
    [],
    new Set(),
  );
  assert.deepEqual(
    names.map((n) => [n.start, n.type]),
    [
      [t.indexOf("Zorvan"), "person"],
      [t.lastIndexOf("Zorvan"), "person"],
    ],
  );
});

test("a dateline is no speaker: the subject after 'WASHINGTON —', 'MOSCOW (Reuters) -' speaks", () => {
  assert.equal(
    ruleSource(
      "MOSCOW (Reuters) - Russian President Vladimir Putin on Thursday praised the deal, saying it would last.",
      "saying",
    ),
    "Russian President Vladimir Putin",
  );
  assert.equal(
    ruleSource(
      "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump’s stance, saying that “bombastic comments” do harm.",
      "saying",
    ),
    "Democrat Hillary Clinton",
  );
  assert.equal(
    ruleSource(
      "LONDON, Jan 5 (Reuters) - Britain's finance minister warned on Monday that growth would slow.",
      "warned",
    ),
    "Britain's finance minister",
  );
  // An appositive after a name opening the sentence still makes that name the subject.
  assert.equal(
    ruleSource("Michael Smith, the group's director, criticised the bill, saying it was unfair.", "saying"),
    "Michael Smith",
  );
});

test("'X, doing Y, is pledging to ...' is a finite verb with subject X, not a participle clause", () => {
  const t =
    "Intro. Bernie Sanders, celebrating a victory in his home state of Vermont, is pledging to “win many hundreds of delegates” on Tuesday.";
  assert.equal(ruleSource(t, "pledging"), "Bernie Sanders");
});

test("'a Twitter comment' is a noun; the agent of 'obtained by X' is not the subject", () => {
  const tweet =
    "Intro.\n\nHillary Clinton immediately posted a Twitter comment of her own, saying, “We’re so excited!”";
  assert.equal(ruleSource(tweet, "comment"), null, "no cue 'comment'");
  assert.equal(ruleSource(tweet, "saying"), "Hillary Clinton");
  const letter =
    "Intro. A letter from the American Legion obtained by The Associated Press warns that “any further communication will be through our lawyers.”";
  assert.match(ruleSource(letter, "warns") ?? "", /^A letter from the American Legion/);
});

test("a run of apostrophes inside a quotation does not stall the analysis", async () => {
  // Found by the fuzz test: `(?:''|')+$` tried every split of a run of apostrophes inside a
  // quotation (2^n ways) before giving up. Run in a thread, which can be stopped when it hangs.
  const t = `Intro. He said ${"“".repeat(20)}${"'".repeat(56)}x${"'".repeat(60)} and more. “Fine,” she said.`;
  const api = import.meta.resolve("tsx/esm/api");
  const mod = import.meta.resolve("../../src/analyze/quotes/index.ts");
  const sent = import.meta.resolve("../../src/analyze/sentences.ts");
  const code = `const { parentPort, workerData } = require("node:worker_threads");
    import(${JSON.stringify(api)}).then(async (m) => { m.register();
      const q = await import(${JSON.stringify(mod)}); const s = await import(${JSON.stringify(sent)});
      parentPort.postMessage(q.extractQuotes(workerData, { sentences: s.splitSentences(workerData) }).map((x) => x.text));
    });`;
  const worker = new Worker(code, { eval: true, workerData: t });
  const texts = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no result within 30 s")), 30_000);
    worker.on("message", (m: string[]) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.on("error", reject);
  }).finally(() => worker.terminate());
  assert.ok(texts.some((x) => x.includes("Fine")));
});

test("a person named after a preposition in the source phrase is not the speaker", () => {
  const t =
    "Officials in Kyiv said the city was shelled. A lawyer for Smith said he was innocent. A spokesman for Hamas said talks were over.";
  const qs = quotes(t, [
    mentionAt(t, "Kyiv", "person"),
    mentionAt(t, "Smith", "person"),
    mentionAt(t, "Hamas", "organization"),
  ]);
  assert.equal(find(qs, "city was shelled").speaker?.entity, null);
  assert.equal(find(qs, "was innocent").speaker?.entity, null);
  assert.equal(find(qs, "talks were over").speaker?.entity, "organization:hamas");
});

test("'the health ministry' is an organisation named so or none, not the latest organisation", () => {
  const t =
    "Acme Corp opened a plant. At least 27 people were killed, the health ministry said. The company said it was sad.";
  const qs = quotes(t, [mentionAt(t, "Acme Corp", "organization")]);
  assert.equal(find(qs, "27 people").speaker?.entity, null);
  assert.equal(find(qs, "was sad").speaker?.entity, "organization:acme corp", "'the company' may be any");
});

test("'In an interview with the BBC, X said' and 'X said in an interview with Al Jazeera' put the outlet in the chain", () => {
  const qs = quotes(
    "Paris is a city. In an interview with the BBC, Prime Minister Keir Starmer said the government would not raise taxes. " +
      "Putin said in an interview with Al Jazeera on Sunday that Russia had won. In an interview with a local newspaper, Jones said yes.",
  );
  assert.deepEqual(find(qs, "not raise taxes").via, ["BBC"]);
  assert.deepEqual(find(qs, "Russia had won").via, ["Al Jazeera"]);
  assert.deepEqual(find(qs, "yes").via, [], "no outlet named");
});

test("an opening 'According to X from Y,' takes the whole source phrase, not its modifier into the content", () => {
  const t = "Intro. According to a statement from the Israeli military, the strikes targeted Hezbollah.";
  const [a] = rulesOf(t);
  assert.equal(t.slice(a.source!.start, a.source!.end), "a statement from the Israeli military");
  assert.equal(firstContent(t), "the strikes targeted Hezbollah");
});

test("speaker phrases: a participle adjective after the quotation, an -ing noun after a determiner", () => {
  assert.equal(
    ruleSource('"They are wrong," retired Air Force general Lloyd Newton said.', "said"),
    "retired Air Force general Lloyd Newton",
  );
  assert.equal(ruleSource('"They are wrong," said the ruling.', "said"), "the ruling");
  assert.equal(ruleSource('The ruling said the plan was "a sham."', "said"), "The ruling");
});

test("a closing mark before an ellipsis opens an excerpt", () => {
  const t = "Intro.\n\n” … he delivered a mix of orthodoxy and rejoinders,” Barabak wrote.";
  assert.equal(firstContent(t), "” … he delivered a mix of orthodoxy and rejoinders,”");
  assert.equal(ruleSource(t, "wrote"), "Barabak");
});

test("naming and participle cues: a coordinated predicate ends the content; a connective opens no subject", () => {
  assert.equal(
    firstContent("Perez hammered Trump, calling him a “train wreck” and contrasted the candidate with him."),
    "him a “train wreck”",
  );
  assert.equal(ruleSource("Perez hammered Trump, calling him a “train wreck” today.", "calling"), "Perez");
  const t =
    "Romney went after Trump, calling it “disqualifying” and asserting that the answer must be “a bombshell.”";
  assert.deepEqual(
    rulesOf(t).map((a) => t.slice(a.content[0].start, a.content[a.content.length - 1].end)),
    ["it “disqualifying”", "that the answer must be “a bombshell.”"],
  );
  // An -ed word with no object after "and" is an adjective of the complement.
  assert.equal(
    firstContent("She called the plan “reckless” and misguided."),
    "the plan “reckless” and misguided",
  );
  assert.equal(ruleSource('Then he cut into Bush, calling him a "stiff."', "calling"), "he");
  assert.equal(ruleSource('Still, Trump went on, saying "we will win."', "saying"), "Trump");
});

test("a quotation of several sentences takes the frame after its closing mark", () => {
  const t = 'Intro.\n\n"Friend, let me be blunt. I can win. Donald cannot," the email read. It went on.';
  const a = rulesOf(t).find((x) => x.cueText === "read");
  assert.ok(a, "no 'read' frame");
  assert.equal(t.slice(a.source?.start, a.source?.end), "the email");
  assert.equal(
    t.slice(a.content[0].start, a.content[0].end),
    '"Friend, let me be blunt. I can win. Donald cannot,"',
  );
});

test("reported clauses end at a main clause after a fronted one, ', but he', ', implicitly putting'", () => {
  const t =
    "Though she called the bank’s behavior “outrageous” and called for pay to be “clawed back” for executives, Clinton restricted her remarks.";
  const called = rulesOf(t).filter((a) => a.cueText === "called");
  assert.deepEqual(
    called.map((a) => [
      t.slice(a.source?.start, a.source?.end),
      t.slice(a.content[0].start, a.content[0].end),
    ]),
    [
      ["she", "the bank’s behavior “outrageous”"],
      ["she", "for pay to be “clawed back” for executives"],
    ],
  );
  assert.equal(
    firstContent(
      "Trump has promised lower taxes and “jobs, jobs, jobs,” but he has also intensified the warnings.",
    ),
    "lower taxes and “jobs, jobs, jobs,”",
  );
  assert.equal(
    firstContent(
      'The president told voters it was a "personal insult" if they stayed home, implicitly putting his name on the line.',
    ),
    'it was a "personal insult" if they stayed home',
  );
});

test("transcript turns: each labelled paragraph is its speaker's quote, and the label names the person", () => {
  const t = [
    "Fox News host Chris Wallace interviewed Gov. Mike Pence on Sunday.",
    "Partial transcript as follows:",
    '"WALLACE: Will Gennifer Flowers be there?',
    '"PENCE: She will not be attending. It is “a distraction.”',
    '"But the truth is that we are focused on the issues.',
    '"(CROSSTALK.)',
    '"WALLACE: Do you really see those two as equivalent?',
    '"PENCE: Well, look, that is why he is on his way to the White House.',
    '"Follow Pam Key on Twitter @pamkeyNEN."',
  ].join("\n\n");
  const turns = rulesOf(t).filter((a) => a.cueText === ":");
  assert.deepEqual(
    turns.map((a) => [
      t.slice(a.source?.start, a.source?.end),
      a.content.map((p) => t.slice(p.start, p.end)),
    ]),
    [
      ["WALLACE", ["Will Gennifer Flowers be there?"]],
      [
        "PENCE",
        [
          "She will not be attending. It is “a distraction.”",
          "But the truth is that we are focused on the issues.",
        ],
      ],
      ["WALLACE", ["Do you really see those two as equivalent?"]],
      ["PENCE", ["Well, look, that is why he is on his way to the White House."]],
    ],
  );
  // No attribution spans the exchange ("Partial transcript as follows:" over every turn).
  assert.ok(!rulesOf(t).some((a) => a.content.length > 2));
  const q = find(
    quotes(t, [mentionAt(t, "Chris Wallace", "person"), mentionAt(t, "Mike Pence", "person")]),
    "a distraction",
  );
  assert.equal(q.speaker?.text, "PENCE");
  assert.equal(q.speaker?.entity, "person:mike pence");
  // Also when the tagger typed the capitals label otherwise ("PENCE" a place).
  const mistyped = {
    ...mentionAt(t, "PENCE", "place"),
    start: t.indexOf("PENCE: She"),
    end: t.indexOf("PENCE: She") + 5,
  };
  const q2 = find(quotes(t, [mentionAt(t, "Mike Pence", "person"), mistyped]), "a distraction");
  assert.equal(q2.speaker?.entity, "person:mike pence");
  // One labelled paragraph, or labels that never come back, are no transcript ("UPDATE: ...").
  const u = "UPDATE: The vote was moved.\n\nNOTE: Times are local.\n\nBYLINE: Jane Doe.";
  assert.ok(!rulesOf(u).some((a) => a.cueText === ":" && a.turn));
});

test("speakers: 'the mother of three', the phrase a participle clause modifies, a subject after a long fronted adverbial", () => {
  assert.equal(
    ruleSource(
      'When pressed on why the plan leaves out dads, the mother of three replied, "It is meant for all."',
      "replied",
    ),
    "the mother of three",
  );
  assert.equal(
    ruleSource('Protesters marching through the streets chanted "What curfew?" and kept going.', "chanted"),
    "Protesters",
  );
  assert.equal(
    ruleSource(
      'Following a swiftly called, late-afternoon meeting, the Security Council issued a statement calling the test "a clear violation."',
      "calling",
    ),
    "the Security Council",
  );
});

test("'X condemned what he called “...”': the naming quote's source is the outer subject", () => {
  assert.equal(
    ruleSource(
      'Secretary General Ban Ki-moon condemned what he called a "brazen breach" of U.N. resolutions.',
      "called",
    ),
    "Secretary General Ban Ki-moon",
  );
  // Not without "what": "the plan he called ..." keeps its own subject.
  assert.equal(ruleSource('Smith rejected the plan, which he called "a sham."', "called"), "he");
});

test("a naming clause opened by 'what' stays inside the outer statement", () => {
  const t = "Trump urged Americans to check out what he called Machado’s “sex tape.”";
  const a = findAttributions(t);
  assert.deepEqual(
    a.map((x) => x.cueText),
    ["urged"],
  );
  assert.equal(
    t.slice(a[0].content[0].start, a[0].content[0].end),
    "Americans to check out what he called Machado’s “sex tape.”",
  );
});

test("'“A,” he said, but “B.”' is one quote of two parts", () => {
  assert.equal(
    firstContent(
      '"You know, I love Larry," he said, but "when it comes to energy issues, Larry has a history."',
    ),
    '"You know, I love Larry," he said, but "when it comes to energy issues, Larry has a history."',
  );
  assert.equal(
    rulesOf('"You know, I love Larry," he said, but "when it comes to energy, he has a history."')[0].content
      .length,
    2,
  );
});

test("a poll's proportion speaks: 'About four in 10 said'", () => {
  assert.equal(
    ruleSource('About four in 10 said they were "angry" with the government.', "said"),
    "About four in 10",
  );
  // A year after "in" is no proportion.
  assert.equal(ruleSource('Voters in 2016 said "no."', "said"), "Voters");
});

test("a participle after 'before'/'after' shares the clause's subject", () => {
  const t =
    '"Thank you, son," Cruz replied, before adding that he thinks "children should speak with respect."';
  assert.equal(ruleSource(t, "adding"), "Cruz");
  const a = rulesOf(t).find((x) => x.cueText === "adding");
  assert.equal(
    t.slice(a?.content[0].start, a?.content[0].end),
    'that he thinks "children should speak with respect."',
  );
  assert.equal(
    ruleSource("Carson laughed on Wednesday after hinting that “changes” could come.", "hinting"),
    "Carson",
  );
});

test("a quotation wrapped onto the next line of its paragraph stays one quotation", () => {
  const t =
    "“Supporters of other candidates have focused on paid advertising,” he said, “and on getting them to take part\nin caucuses and primaries.”\n\nCruz won.";
  const qs = findQuotations(t);
  assert.equal(qs.length, 2);
  assert.ok(t.slice(qs[1].start, qs[1].end).endsWith("primaries.”"));
  // A paragraph break still ends an unclosed quotation that did not open the paragraph.
  const u = "He said “we will win\n\nThe end.";
  assert.equal(findQuotations(u).length, 0);
});

test("a frame set off by commas inside a clause: the subject before it belongs to the content", () => {
  const t =
    "Proposals to raise taxes on capital gains, he added, amount to ''just kind of tinkering around the edges.''";
  assert.deepEqual(contentParts(t), [
    "Proposals to raise taxes on capital gains",
    "amount to ''just kind of tinkering around the edges.''",
  ]);
  // So are the words before a frame followed by a clause with a subject of its own.
  assert.deepEqual(contentParts("On Monday, he said, the plan was “dead.”"), [
    "On Monday",
    "the plan was “dead.”",
  ]);
});

test("a time phrase between subject and cue; a quotation opened in an earlier sentence is no clause-initial quote", () => {
  assert.equal(
    ruleSource('Sen. Dianne Feinstein (D-Calif.) last week said Clinton sent no "top secret" email.', "said"),
    "Sen. Dianne Feinstein (D-Calif.)",
  );
  assert.equal(
    firstContent(
      'Walking into the office to chants of "Marco! Marco!," the senator said his campaign was "closing strong."',
    ),
    'his campaign was "closing strong."',
  );
});

test("'the order released Friday said': a participle and a time between the subject and its cue", () => {
  assert.equal(
    ruleSource('"The claim is speculative," the order released Friday said.', "said"),
    "the order",
  );
  assert.equal(ruleSource('The statement issued Monday said the plan was "dead."', "said"), "The statement");
});

test("the subject before a dash aside speaks: 'A former candidate -- John McCain, who lost -- said'", () => {
  assert.equal(
    ruleSource(
      'A former Republican presidential candidate -- John McCain, who lost in 2008 -- said the president "offered no changes."',
      "said",
    ),
    "A former Republican presidential candidate",
  );
});

test("'said 9/11 widow Terry Strada': a number with a slash is one word of the speaker phrase", () => {
  assert.equal(
    ruleSource("“The rationales don’t hold weight. They are wrong,” said 9/11 widow Terry Strada.", "said"),
    "9/11 widow Terry Strada",
  );
});

test("'..., I laughed and said': the subject of the verb coordinated with the cue, not of a fronted clause", () => {
  assert.equal(
    ruleSource(
      'Once in my early 20s, when my mother mentioned the devil to me while driving on the highway, I laughed and said, "I do not believe in the devil."',
      "said",
    ),
    "I",
  );
  // After a subordinator, the main clause's subject follows the comma.
  assert.equal(
    ruleSource('When the mayor arrived, the chief smiled and told reporters, "We are ready."', "told"),
    "the chief",
  );
  assert.equal(
    ruleSource(
      'When the mayor arrived at the scene, Chief Smith turned to reporters, saying "We are ready."',
      "saying",
    ),
    "Chief Smith",
  );
});

test("a pronoun's contracted auxiliary: 'He's said', 'I’ve long said', 'She'd told' name the pronoun", () => {
  assert.equal(ruleSource("Ryan is wrong. He's said he gets his ideas from a speech.", "said"), "He");
  assert.equal(ruleSource("I’ve long said that the plan is “done.”", "said"), "I");
  assert.equal(ruleSource('She\'d told reporters that it was "over."', "told"), "She");
  // A possessive stays one word.
  assert.equal(ruleSource("The senator's aide said the plan was “dead.”", "said"), "The senator's aide");
});

test("a name after a fronted participle clause is the subject: 'Appearing before ..., Suu Kyi, 70, said ... but added'", () => {
  assert.equal(
    ruleSource(
      'Appearing before cheering supporters Monday morning at NLD headquarters, Suu Kyi, 70, said it was too early to congratulate winners but added, "I think you all have an idea of the results."',
      "added",
    ),
    "Suu Kyi",
  );
});

test("`“A,” adding that “B.”`: a cue followed by 'that' reports the clause after it", () => {
  const t =
    "Mr. Trump said of the episode, ''I don't like it,'' adding that ''they have anger that's unbelievable.''";
  assert.equal(firstContent(t, "adding"), "that ''they have anger that's unbelievable.''");
});

test("mis-decoded UTF-8 stays inside its word: 'his protegÃ©s' (composed or not) ends the addressee", () => {
  for (const word of ["protegÃ©s", "protegA\u0303©s"]) {
    const t = `He also told one of his young ${word} on a regular basis that "terrorism is the answer."`;
    const a = rulesOf(t).find((x) => x.cueText === "told");
    assert.ok(a?.addressee, word);
    assert.equal(t.slice(a.addressee.start, a.addressee.end), `one of his young ${word}`);
  }
});

test("a headline quote on a line ending in spaces starts at its first word", () => {
  const t = "Clinton: Trump's view of the world is 'dangerously wrong'; \nIn speech to AIPAC, she spoke.";
  const a = rulesOf(t).find((x) => x.cueText === ":");
  assert.equal(
    a && t.slice(a.content[0].start, a.content[0].end),
    "Trump's view of the world is 'dangerously wrong';",
  );
});

test("a cue word in -s before a finite verb is a noun: 'Injury claims are up', 'His introductory remarks were subdued'", () => {
  for (const t of [
    "Injury claims are up sharply this year.",
    "His introductory remarks were so subdued that few noticed.",
  ])
    assert.equal(rulesOf(t).length, 0, t);
  // After a pronoun the cue is a verb and its clause is reported ("who he says is leaving").
  assert.equal(ruleSource("He praised Obama, who he says is leaving on a high note.", "says"), "he");
});

test("product quotes: a refusal to speak is no quote ('declined to comment', 'did not respond to a request for comment')", () => {
  const t =
    "TfL declined to comment further because an investigation was ongoing. The police did not respond to a request for comment. The mayor said the line would reopen on Monday.";
  const qs = quotes(t);
  assert.deepEqual(
    qs.map((q) => q.cue),
    ["said"],
  );
});

test("a phrase opened by a preposition of place is no speaker: 'trapped underneath the tram calling for help'", () => {
  assert.notEqual(
    ruleSource(
      '"Even my husband was covered with blood," she said, adding that some people were trapped underneath the tram calling for help.',
      "calling",
    ),
    "underneath the tram",
  );
});

test("'on' joins a lower-case head to its phrase: 'A passenger on a tram told'", () => {
  assert.equal(
    ruleSource("A passenger on a tram told how, less than a fortnight ago, he was left shaking.", "told"),
    "A passenger on a tram",
  );
});

test("speaker phrases: 'according to a regulatory filing' keeps its -ing noun; a capitalised adverb is no speaker", () => {
  const t = "According to a regulatory filing, Goldman Sachs had $31.2 billion in earnings abroad.";
  const a = rulesOf(t)[0];
  assert.equal(a?.source && t.slice(a.source.start, a.source.end), "a regulatory filing");
  assert.equal(
    ruleSource("Officially called XRP, ripple climbed 55.9 percent to a record high.", "called"),
    null,
  );
  assert.equal(ruleSource('Reportedly, Kelly said it was "fine."', "said"), "Kelly");
});

test("a sentence adverb before its comma is no subject: 'However, media accounts ... urged', 'Likewise, Trump called'", () => {
  assert.equal(
    ruleSource(
      "However, media accounts that are closely tied to the Islamic State have cheered the killings and urged their followers to promote the atrocity.",
      "urged",
    ),
    "media accounts",
  );
});

test("'..., according to X, a local newspaper.': the source's appositive is no part of the content", () => {
  const t =
    "Forty-two people were in critical condition, according to Nice-Matin, a local newspaper. Many were hurt.";
  const a = rulesOf(t)[0];
  assert.deepEqual(
    a?.content.map((p) => t.slice(p.start, p.end)),
    ["Forty-two people were in critical condition"],
  );
});

test("an outlet's capitalised name word stays in the chain: 'told The Washington Post' is via Washington Post", () => {
  const t =
    "Shane Perry was waiting to board.\n“There is a bird in the cockpit,” Perry told The Washington Post.";
  assert.deepEqual(quotes(t)[0]?.via, ["Washington Post"]);
  assert.equal(intermediaryName("Interfax news agency"), "Interfax");
});

test("speakers: 'the Delta spokesman' is whoever the text introduced as spokesman, never merely the latest person", () => {
  const t =
    "Shane Perry was waiting to board. “There is a bird,” Perry told reporters. The Delta spokesman described the time as “shortly after takeoff.”";
  const qs = quotes(t, [mentionAt(t, "Shane Perry", "person")]);
  assert.equal(find(qs, "shortly after takeoff").speaker?.entity, null);
  const t2 = "John Smith, a spokesman for Delta, gave no details. The spokesman said the flight was “safe.”";
  const q2 = quotes(t2, [mentionAt(t2, "John Smith", "person")]);
  assert.equal(find(q2, "was “safe").speaker?.entity, "person:john smith");
});

test("'X appears to show', 'would seem to suggest': the subject before the raising verb is the source", () => {
  assert.equal(
    ruleSource("Images released by the broadcaster KRT appear to show the latest missile launch.", "show"),
    "Images released by the broadcaster KRT",
  );
  assert.equal(
    ruleSource('Her communications seem to indicate that she "coordinated" with staff.', "indicate"),
    "Her communications",
  );
});

test("'told CNN Abe's opponents are angry': the words after the outlet open the reported clause", () => {
  const t = "Koichi Nakano, a professor at Sophia University, told CNN Abe's opponents are angry.";
  const q = quotes(t, [mentionAt(t, "Koichi Nakano", "person"), mentionAt(t, "CNN", "organization")])[0];
  assert.deepEqual(q?.via, ["CNN"]);
  assert.equal(q?.text, "Abe's opponents are angry");
});

test("'too early to tell whether', 'time will tell if': 'tell' before 'whether'/'if' is no cue", () => {
  for (const t of [
    "The mayor said it was too early to tell whether the blast was caused by a bomb, and there was “no evidence” of terrorism.",
    "Only time will tell if the “new approach” works.",
  ])
    assert.equal(
      rulesOf(t).some((a) => a.cueText === "tell"),
      false,
      t,
    );
  assert.equal(ruleSource("He told reporters whether he would run was undecided.", "told"), "He");
});

/** The candidates of the add decision for `t` (every decision answered as the rules would). */
function addCandidates(t: string) {
  const out: { feats: string[]; source: string | null; clause: string | null }[] = [];
  findAttributionsWith(t, splitSentences(t), (d, feats, cand) => {
    if (d === "add")
      out.push({
        feats,
        source: cand.source ? t.slice(cand.source.start, cand.source.end) : null,
        clause: cand.clause ? cand.clause.map((p) => t.slice(p.start, p.end)).join(" + ") : null,
      });
    return cand.current ?? false;
  });
  return out;
}

test("a headline's subject and verb frame its quotation, in title case or not", () => {
  const [a] = addCandidates(
    "Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments.\n\nThe governor spoke on Monday.",
  );
  assert.equal(a.source, "Chris Christie");
  assert.equal(a.clause, "Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments");
  assert.ok(a.feats.includes("how:headline"));
  const [b] = addCandidates("Obama rips rhetoric over 'radical Islam';\n\nThe president spoke on Monday.");
  assert.equal(b.source, "Obama");
  assert.equal(b.clause, "rhetoric over 'radical Islam'");
  // A possessive is no verb: "London's Muslim mayor rebuffs Trump".
  const [c] = addCandidates("London's Muslim mayor rebuffs Trump on 'exception' to ban;\n\nHe spoke.");
  assert.equal(c.source, "London's Muslim mayor");
  // Past the first line, the rules for body sentences apply.
  const [d] = addCandidates("Headline.\n\nVoters Rip Donald Trump As A ‘Disgusting Fraud.’");
  assert.ok(!d?.feats.includes("how:headline"));
  // With the shipped model, the headline is an attribution of the subject.
  const t = "Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments.\n\nHe spoke.";
  const q = findAttributions(t).find((x) => t.slice(x.content[0].start).startsWith("Hillary"));
  assert.equal(q?.source && t.slice(q.source.start, q.source.end), "Chris Christie");
});

test("a lone quotation after reported speech without marks is that speaker's candidate", () => {
  const t =
    "Bolton distanced himself from the movement by saying he would be willing to help if asked.\n\n“I'm going to support him, because I think he can do the job.”";
  const [a] = addCandidates(t);
  assert.equal(a.source, "Bolton");
  assert.ok(a.feats.includes("how:irecent1"), a.feats.join(" "));
  // The nearest speaker, not the latest one quoted with marks two sentences back.
  const u =
    "“We will win,” Smith said. Jones said that the plan would fail.\n\n“Nobody believes it any more.”";
  const [b] = addCandidates(u);
  assert.equal(b.source, "Jones");
});

test("reported speech in a noun phrase: 'Donald Trump’s claim that ...', 'his repeated assertion that ...'", () => {
  const t =
    "Politifact checked Donald Trump’s claim that there have been “thousands of shootings” in Chicago.";
  const a = rulesOf(t).find((x) => x.cueText === "claim");
  assert.equal(a?.source && t.slice(a.source.start, a.source.end), "Donald Trump’s");
  assert.equal(
    a && t.slice(a.content[0].start, a.content[0].end),
    "that there have been “thousands of shootings” in Chicago",
  );
  assert.equal(
    ruleSource("Voters ignored his repeated assertion that the plan would fail.", "assertion"),
    "his",
  );
  // Without a possessive, or without a that-clause, the noun reports nothing.
  assert.equal(rulesOf("The claim that the plan would fail was false.").length, 0);
  assert.equal(rulesOf("His claim was false, and the plan failed.").length, 0);
});

test("a quotation opening the reported clause as its subject takes the clause: 'Bush said \"local forces\" must lead'", () => {
  const t = 'On MSNBC, Bush said "local forces" must lead the way.';
  assert.equal(firstContent(t, "said"), '"local forces" must lead the way');
  // A quotation that is the whole statement stays alone.
  const u = 'He said "we will win," and left.';
  const b = rulesOf(u).find((x) => x.cueText === "said");
  assert.equal(b && u.slice(b.content[0].start, b.content[0].end), '"we will win,"');
});

test("a quotation paragraph continues a quote only when the paragraph before closes with the quote's own frame", () => {
  const t =
    "Though she called Wells Fargo’s behavior “outrageous” and called for compensation to be “clawed back” for responsible executives, Clinton restricted comments about breaking up big banks to the realm of hypothetical future scenarios.\n\n“If any bank can’t be managed effectively, it should be broken up.”";
  const a = rulesOf(t).find((x) => x.cueText === "called");
  assert.equal(a?.content.length, 1);
  // `“A,” he said.⏎⏎“B.”` is one quote.
  const u = "“We will win,” he said.\n\n“Nobody can stop us now.”";
  assert.equal(rulesOf(u).find((x) => x.cueText === "said")?.content.length, 2);
});

test("'called on X to Y' is an appeal: its content starts after 'on' and is no naming", () => {
  const t = 'He called on Congress to act and force large corporations to pay "their fair share" of taxes.';
  assert.equal(
    firstContent(t, "called on"),
    'Congress to act and force large corporations to pay "their fair share" of taxes',
  );
});

test("a quotation after 'as' is offered as the characterisation of the verb's subject", () => {
  const [a] = addCandidates(
    "Headline.\n\nGermany’s Chancellor Angela Merkel heralded the deal with Turkey as a “breakthrough.”",
  );
  assert.equal(a.source, "Germany’s Chancellor Angela Merkel");
  assert.equal(a.clause, "the deal with Turkey as a “breakthrough.”");
  assert.ok(a.feats.includes("how:as"), a.feats.join(" "));
  // A participle's subject is the clause's.
  const [b] = addCandidates(
    "Headline.\n\nAxelrod emailed her condolences, addressing her informally as “Hillary” in the note.",
  );
  assert.equal(b.source, "Axelrod");
});

test("a named subject's characterisation after 'as' is an attribution whatever the model's add decision", () => {
  const t =
    "Headline.\n\nTrump openly admires Russian President Vladimir Putin as a “strong leader,” comparing him favorably to Obama.";
  const never: Parameters<typeof findAttributionsWith>[2] = (d, _f, cand) =>
    d === "add" ? false : (cand.current ?? true);
  const a = findAttributionsWith(t, splitSentences(t), never).find((x) =>
    x.content.some((p) => t.slice(p.start, p.end).includes("strong leader")),
  );
  assert.equal(a?.source && t.slice(a.source.start, a.source.end), "Trump");
});

test("reported clause: ', including', ', referring' and 'and would' go on; 'and did', ', which' and ', adding' end it", () => {
  for (const [t, content] of [
    [
      "The agency said it had found flaws in several programs, including the one for veterans.",
      "it had found flaws in several programs, including the one for veterans",
    ],
    [
      "The senator said the bill was flawed and would hurt small businesses.",
      "the bill was flawed and would hurt small businesses",
    ],
    [
      "He said the country was in decline, referring to the years since the war.",
      "the country was in decline, referring to the years since the war",
    ],
    ["The senator said the bill was flawed and did not vote for it.", "the bill was flawed"],
    ["The mayor said the plan would cut costs, which critics dispute.", "the plan would cut costs"],
    [
      "The mayor said the plan would cut costs, adding that taxes would not rise.",
      "the plan would cut costs",
    ],
  ])
    assert.equal(firstContent(t, "said"), content, t);
});

test("a frame set off by commas inside the reported clause: the words before it are content too", () => {
  const parts = (t: string) => contentParts(t, "said");
  assert.deepEqual(
    parts("In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses."),
    ["In any case", "the golf industry was vastly over-supplied with courses"],
  );
  assert.deepEqual(parts("It was, he said, one of the bitterest failures of his presidency."), [
    "It was",
    "one of the bitterest failures of his presidency",
  ]);
  // A capitalised quotation after the frame: what comes before is the writer's introduction.
  assert.deepEqual(parts("Asked about the poll, Ryan said, “Sure. I get that, too.”"), [
    "“Sure. I get that, too.”",
  ]);
});
