// HTML pages import as their readable text: what is dropped, what becomes a paragraph or a line, entities, white
// space, titles, declared charsets, and markup broken in the ways real pages are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { extractHtmlText, sniffHtmlCharset } from '../../src-main/core/import/html';
import { importBytes, newProject } from './import-support';
import { nth } from './helpers';

const text = (html: string) => extractHtmlText(html).text;

describe('HTML text extraction', () => {
  it('drops the head, scripts, styles, templates, noscript, svg and embedded media', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="x.css">
      <style>p { color: red } /* <p>not text</p> */</style><script>var s = "<p>not text</p>"; if (a < b) {}</script></head>
      <body><script type="module">import x from "y";</script><p>Kept.</p><template><p>template</p></template>
      <noscript>Enable JavaScript</noscript><svg><text>svg text</text></svg><video>fallback</video>
      <iframe src="x">iframe</iframe><object>object</object><p>Also kept.</p></body></html>`;
    assert.equal(text(html), 'Kept.\n\nAlso kept.');
  });

  it('makes block elements paragraphs and <br> a line break within one', () => {
    const html = `<article><h1>Heading</h1><section><p>One.</p><div>Two</div><blockquote>Three</blockquote>
      <ul><li>Four</li><li>Five</li></ul><p>Six<br>Seven<br/>Eight</p></section></article>`;
    assert.equal(text(html), 'Heading\n\nOne.\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\nSeven\nEight');
  });

  it('puts table rows on their own lines and keeps cells apart', () => {
    assert.equal(text('<table><tr><th>Name</th><th>Votes</th></tr><tr><td>Ana</td><td>12</td></tr></table>'), 'Name Votes\n\nAna 12');
  });

  it('decodes named, numeric and legacy entities, after tags are found (so &lt;p&gt; stays text)', () => {
    assert.equal(
      text('<p>&lt;p&gt; &amp; &quot;x&quot; &eacute;&#233;&#xE9; &mdash; &rsquo; &#x1F600; &#150; &copy 2024 AT&T</p>'),
      '<p> & "x" ééé — ’ 😀 – © 2024 AT&T',
    );
  });

  it('collapses white space within paragraphs but keeps no-break spaces, and drops empty paragraphs', () => {
    assert.equal(text('<p>  Many \n\t spaces   here </p><p>&nbsp;</p><p> </p><p>a&nbsp;&nbsp;b</p>'), 'Many spaces here\n\na\u00a0\u00a0b');
  });

  it('keeps <pre> exactly (but not the line break right after <pre>)', () => {
    assert.equal(text('<p>Code:</p><pre>\n  x = 1\n    y  = 2\n</pre><p>After</p>'), 'Code:\n\n  x = 1\n    y  = 2\n\nAfter');
  });

  it('survives broken markup: unclosed tags and comments, stray "<", quotes with ">", uppercase tags', () => {
    assert.equal(text('<P CLASS="x">Upper <B>bold</P><p title="a > b">quoted gt</p>a < b and 3<4<p>unclosed <i>italic'), 'Upper bold\n\nquoted gt\n\na < b and 3<4\n\nunclosed italic');
    assert.equal(text('<p>before</p><!-- never closed <p>hidden</p>'), 'before');
    assert.equal(text('<p>text</p><script>never closed'), 'text');
    assert.equal(text('<head><title>x</title><p>no body tag, head never closed</p>'), 'no body tag, head never closed');
    assert.equal(text('<head><title>x</title><body><p>body ends the head</p>'), 'body ends the head');
  });

  it('treats a file without tags as text', () => {
    assert.equal(text('Just a sentence.\nAnd another.'), 'Just a sentence. And another.');
  });

  it('takes the title from <title>, else from the first heading', () => {
    assert.equal(extractHtmlText('<title> The &amp; title </title><h1>Heading</h1>').title, 'The & title');
    assert.equal(extractHtmlText('<p>intro</p><h2>First <em>heading</em></h2><h1>Second</h1>').title, 'First heading');
    assert.equal(extractHtmlText('<p>no headings</p>').title, undefined);
  });

  it('reads the declared charset from <meta charset>, http-equiv, or an XML declaration', () => {
    const b = (s: string) => Buffer.from(s, 'latin1');
    assert.equal(sniffHtmlCharset(b('<html><head><meta charset="windows-1256">')), 'windows-1256');
    assert.equal(sniffHtmlCharset(b('<meta charset=koi8-r>')), 'koi8-r');
    assert.equal(sniffHtmlCharset(b('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ISO-8859-8">')), 'ISO-8859-8');
    assert.equal(sniffHtmlCharset(b('<?xml version="1.0" encoding="Shift_JIS"?><html>')), 'Shift_JIS');
    assert.equal(sniffHtmlCharset(b('<!-- <meta charset="big5"> --><p>x</p>')), undefined);
  });
});

describe('importing HTML files', () => {
  it('imports a page as its text, never as markup, titled from the page', async () => {
    const { project } = newProject();
    const page = '<html><head><title>Ceasefire holds</title><script>track()</script></head><body><h1>Ceasefire holds</h1><p>Talks &amp; aid resume.</p></body></html>';
    const report = await importBytes(project, 'story.html', page);
    const a = project.articles.get(nth(report.imported, 0, 'the imported page').articleId);
    assert.equal(a.title, 'Ceasefire holds');
    assert.equal(a.text, 'Ceasefire holds\n\nTalks & aid resume.');
    assert.equal(project.sources.get(a.id)!.kind, 'html');
    project.close();
  });

  it('decodes a page in its declared legacy charset (Windows-1256, ISO-8859-8, KOI8-R)', async () => {
    const { project } = newProject();
    for (const [name, charset, body] of [
      ['ar.htm', 'windows-1256', 'أعلنت الحكومة يوم الأربعاء أن المفاوضات ستبدأ'],
      ['he.html', 'iso-8859-8', 'הממשלה הודיעה ביום רביעי'],
      ['ru.xhtml', 'koi8-r', 'Правительство объявило в среду'],
    ] as const) {
      const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>${body.split(' ')[0]}</title></head><body><p>${body}</p></body></html>`;
      const report = await importBytes(project, name, iconv.encode(html, charset));
      assert.equal(report.imported.length, 1, JSON.stringify(report));
      const a = project.articles.get(nth(report.imported, 0, 'the imported page').articleId);
      assert.equal(a.text, body);
      assert.equal(a.title, body.split(' ')[0]);
      assert.equal(a.encodingBasis, 'declared');
    }
    project.close();
  });

  it('rejects a page with no readable text, saying so', async () => {
    const { project } = newProject();
    const report = await importBytes(project, 'empty.html', '<html><head><title>x</title><style>a{}</style></head><body><script>x()</script></body></html>');
    assert.equal(nth(report.rejected, 0, 'the rejection').reason, 'no readable text (the page has only markup, scripts or styles)');
    project.close();
  });
});
