/** Charset sniffing/decoding and language identification. */
import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { decodeBytes, guessLegacyCharset } from "../../src/extract/charset.js";
import { detectLanguage } from "../../src/extract/language.js";

const RU =
  "Министерство обороны России заявило в четверг, что военные самолёты продолжат выполнять задачи в Сирии, несмотря на заявления о сокращении группировки.";
const FR =
  "Le ministère de la Défense a annoncé jeudi que les avions militaires continueraient leurs missions en Syrie, malgré l'annonce d'une réduction des forces déployées.";
const DE =
  "Das Verteidigungsministerium teilte am Donnerstag mit, dass die Militärflugzeuge ihre Einsätze in Syrien fortsetzen würden, trotz der angekündigten Verringerung der Truppen.";
const EN =
  "The defence ministry said on Thursday that military aircraft would continue their missions in Syria, despite the announced reduction of the forces deployed there.";

const html = (body: string, head = ""): string =>
  `<html><head>${head}</head><body><p>${body}</p></body></html>`;

test("BOM wins", () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html(RU), "utf8")]);
  const r = decodeBytes(bytes, "text/html; charset=windows-1251");
  assert.equal(r.charset, "utf-8");
  assert.ok(r.text.includes("Министерство"));
  assert.ok(!r.text.startsWith("\ufeff"));
});

test("HTTP header charset", () => {
  const bytes = iconv.encode(html(RU), "windows-1251");
  const r = decodeBytes(bytes, "text/html; charset=windows-1251");
  assert.equal(r.charset, "windows-1251");
  assert.ok(r.text.includes(RU));
});

test("<meta charset> and http-equiv", () => {
  const a = decodeBytes(iconv.encode(html(RU, '<meta charset="windows-1251">'), "windows-1251"));
  assert.equal(a.charset, "windows-1251");
  assert.ok(a.text.includes(RU));
  const b = decodeBytes(
    iconv.encode(
      html(FR, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'),
      "latin1",
    ),
  );
  assert.equal(b.charset, "windows-1252");
  assert.ok(b.text.includes(FR));
});

test("undeclared windows-1251 and windows-1252 are told apart", () => {
  const ru = iconv.encode(html(RU), "windows-1251");
  const fr = iconv.encode(html(FR), "windows-1252");
  assert.equal(guessLegacyCharset(ru), "windows-1251");
  assert.equal(guessLegacyCharset(fr), "windows-1252");
  assert.ok(decodeBytes(ru).text.includes(RU));
  assert.ok(decodeBytes(fr).text.includes(FR));
});

test("undeclared valid UTF-8 is UTF-8", () => {
  const r = decodeBytes(Buffer.from(html(DE), "utf8"));
  assert.equal(r.charset, "utf-8");
  assert.ok(r.text.includes(DE));
});

test("a page declared UTF-8 but written in windows-1251 is detected", () => {
  const r = decodeBytes(iconv.encode(html(RU, '<meta charset="utf-8">'), "windows-1251"));
  assert.equal(r.charset, "windows-1251");
  assert.ok(r.text.includes(RU));
});

test("unknown declared charset falls back to sniffing", () => {
  const r = decodeBytes(Buffer.from(html(EN), "utf8"), "text/html; charset=x-no-such-charset");
  assert.equal(r.charset, "utf-8");
});

test("language: ISO 639-1 codes", () => {
  assert.equal(detectLanguage(EN), "en");
  assert.equal(detectLanguage(RU), "ru");
  assert.equal(detectLanguage(FR), "fr");
  assert.equal(detectLanguage(DE), "de");
});

test("language: too short or empty gives null", () => {
  assert.equal(detectLanguage(""), null);
  assert.equal(detectLanguage("Breaking news"), null);
  assert.equal(detectLanguage("12 34 56 78 90 — 11:30"), null);
});

test("language of an extracted page", async () => {
  const { extractHtml } = await import("../../src/extract/html/index.js");
  assert.equal(extractHtml(html(`${RU} ${RU}`)).language, "ru");
  assert.equal(extractHtml(html(`${EN} ${EN}`, "")).language, "en");
});
