// scrollback's static-site search (written by `scrollback site`): answers `index.html?q=WORDS`
// from the archive's index, split in chunks (src/archive/index.rs describes its files), fetching
// only the chunks and pages the query needs, and shows the lines that hold every word (and
// `from:nick`) as links to them, newest log first. It mirrors src/archive/query.rs.
"use strict";
(() => {
  // Hits shown at a time: each may need its block of lines fetched.
  const LIMIT = 25;
  const box = document.getElementById("hits");
  const input = document.getElementById("q");
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  if (input) input.value = query;
  if (!query || !box) return;
  // The hits take the page: the list of every log below this script (thousands of days in a
  // big archive) is not read at all, so the page's one thread is the search's. "All logs"
  // goes back to it.
  document.body.classList.add("searching");
  window.stop();
  const started = performance.now();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const cache = new Map();
  let fetchedBytes = 0;

  function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
  // The browser sets up its first DecompressionStream slowly (~20 ms here): an empty gzip
  // member, unpacked while the first fetches are on their way, makes that wait overlap them.
  inflate(new Uint8Array([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])).catch(() => {});

  // A file of the index, unpacked (a host may have unpacked it already).
  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, (async () => {
        const response = await fetch(path);
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        let bytes = new Uint8Array(await response.arrayBuffer());
        fetchedBytes += bytes.length;
        return bytes[0] === 0x1f && bytes[1] === 0x8b ? inflate(bytes) : bytes;
      })());
    }
    return cache.get(path);
  }

  // postcard: unsigned numbers as LEB128 varints, strings and lists as their length then items.
  class Reader {
    constructor(bytes) { this.bytes = bytes; this.at = 0; }
    number() {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const byte = this.bytes[this.at++];
        if (byte === undefined) throw new Error("a file of the index is cut short");
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
      }
    }
    string() {
      const length = this.number();
      const text = decoder.decode(this.bytes.subarray(this.at, this.at + length));
      this.at += length;
      return text;
    }
    skip(count) {
      for (let i = 0; i < count; i++) this.number();
    }
    numbers() {
      const out = new Array(this.number());
      for (let i = 0; i < out.length; i++) out[i] = this.number();
      return out;
    }
  }

  // `term`'s entry in a chunk (postcard: the count of terms, then each term, its count, its
  // postings, its pages' stem and its pages), or null. The other terms are stepped over, not
  // built: a chunk of frequent words holds thousands of pages.
  function findInChunk(bytes, term) {
    const wanted = encoder.encode(term);
    const reader = new Reader(bytes);
    for (let left = reader.number(); left > 0; left--) {
      const length = reader.number(), at = reader.at;
      reader.at += length;
      if (length === wanted.length && wanted.every((byte, i) => bytes[at + i] === byte)) {
        const count = reader.number(), postings = reader.numbers(), stem = reader.string();
        const pages = new Array(reader.number());
        for (let p = 0; p < pages.length; p++) pages[p] = { first: reader.number(), last: reader.number(), count: reader.number() };
        return { term, count, postings, stem, pages };
      }
      reader.number();
      reader.skip(reader.number());
      const stem = reader.number();
      reader.at += stem;
      reader.skip(3 * reader.number());
    }
    return null;
  }

  // A term's lines: [log id, [lines]] per log, as the index writes them.
  function decodePostings(numbers) {
    const groups = [];
    let at = 0, file = 0;
    while (at < numbers.length) {
      file += numbers[at++];
      const lines = new Array(numbers[at++]);
      let line = 0;
      for (let i = 0; i < lines.length; i++) lines[i] = line += numbers[at++];
      groups.push([file, lines]);
    }
    return groups;
  }

  // The query's terms as the index keeps them (src/archive/terms.rs).
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;
  function normaliseNick(nick) {
    const head = nick.split("|")[0] || nick;
    return (head.replace(/[_`0-9]+$/, "") || head).toLowerCase();
  }
  function queryTerms(text) {
    const terms = new Set();
    for (const part of text.split(/\s+/).filter(Boolean)) {
      if (part.slice(0, 5).toLowerCase() === "from:" && part.length > 5) {
        terms.add("from:" + normaliseNick(part.slice(5)));
        continue;
      }
      for (const [run] of part.matchAll(WORD)) {
        const chars = [...run].length;
        if (chars >= 2 && chars <= 40) terms.add(run.toLowerCase());
      }
    }
    return [...terms];
  }
  // Terms are sorted by their UTF-8 bytes, as Rust sorts strings.
  function compare(a, b) {
    const x = encoder.encode(a), y = encoder.encode(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  // A term's pages are named by its stem (its FNV-1a hash, src/archive/index.rs), the newest
  // `<stem>-newest`, so that one can be asked for before the term's chunk says it exists.
  function pagePath(entry, page) { return `search/postings/${entry.stem}-${page === entry.pages.length - 1 ? "newest" : page}.sbx`; }
  function stemOf(term) {
    let hash = 0xcbf29ce484222325n;
    for (const byte of encoder.encode(term)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return hash.toString(16).padStart(16, "0");
  }
  function href(path) { return path.split("/").map(encodeURIComponent).join("/"); }

  async function termEntry(meta, term) {
    let low = 0, high = meta.chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(meta.chunks[middle], term) <= 0) low = middle + 1; else high = middle;
    }
    if (low === 0) return null;
    return findInChunk(await load(`search/terms/${low - 1}.sbx`), term);
  }

  // A page of a term's lines, decoded once: [log id, [lines]] per log, oldest log first.
  const decoded = new Map();
  function groupsOf(entry, page) {
    const key = `${entry.term}\t${page}`;
    if (!decoded.has(key)) {
      decoded.set(key, entry.pages.length ? load(pagePath(entry, page)).then((bytes) => decodePostings(new Reader(bytes).numbers())) : Promise.resolve(decodePostings(entry.postings)));
    }
    return decoded.get(key);
  }
  // The page of `entry`'s term that covers log `file` (a log is never split), or -1.
  function pageOver(entry, file) {
    if (!entry.pages.length) return 0;
    let low = 0, high = entry.pages.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (entry.pages[middle].last < file) low = middle + 1; else high = middle;
    }
    return low < entry.pages.length && entry.pages[low].first <= file ? low : -1;
  }
  // The lines of log `file` that `entry`'s term is on: a binary search of its page's logs,
  // since a rarer word's page can span thousands of them.
  async function linesIn(entry, file) {
    const page = pageOver(entry, file);
    if (page < 0) return [];
    const groups = await groupsOf(entry, page);
    let low = 0, high = groups.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (groups[middle][0] < file) low = middle + 1; else high = middle;
    }
    return low < groups.length && groups[low][0] === file ? groups[low][1] : [];
  }

  // The next LIMIT hits, newest first: the rarest term's lines a log at a time, from its pages
  // newest first, each log's kept where every other term is on the line (read from the other
  // term's page over that log, asked for a few logs ahead). Hits found and not yet shown wait
  // in `cursor.waiting`.
  async function collect(entries, cursor) {
    const [driver, ...others] = entries;
    const hits = [];
    while (hits.length < LIMIT) {
      if (cursor.waiting.length) {
        hits.push(...cursor.waiting.splice(0, LIMIT - hits.length));
        continue;
      }
      if (!cursor.logs.length) {
        if (cursor.page < 0) break;
        cursor.logs = [...(await groupsOf(driver, cursor.page))];
        cursor.page--;
        continue;
      }
      for (const [file] of cursor.logs.slice(-8)) for (const other of others) {
        const page = pageOver(other, file);
        if (page >= 0) groupsOf(other, page).catch(() => {});
      }
      const [file, lines] = cursor.logs.pop();
      let kept = lines;
      for (const other of others) {
        const theirs = new Set(await linesIn(other, file));
        kept = kept.filter((line) => theirs.has(line));
      }
      for (const line of kept) cursor.waiting.push({ file, line });
    }
    return hits;
  }

  // The logs the hits are in (page, date, title, folder), from the parts that name them.
  async function namesOf(meta, hits) {
    const parts = [...new Set(hits.map((hit) => Math.floor(hit.file / meta.files_per_part)))];
    const names = new Map();
    await Promise.all(parts.map(async (part) => {
      const files = JSON.parse(decoder.decode(await load(`search/files/${part}.sbx`)));
      files.forEach((file, at) => names.set(part * meta.files_per_part + at, file));
    }));
    return names;
  }

  // A hit's time, speaker and text, from the block of lines it is in: row n of block b is
  // line b × lines_per_block + n. Each block is fetched once.
  const KINDS = { m: "message", a: "action", n: "notice", t: "topic" };
  const blocks = new Map();
  function shownLine(meta, hit) {
    const size = meta.lines_per_block, number = Math.floor(hit.line / size), block = `${hit.file}/${number}`;
    if (!blocks.has(block)) blocks.set(block, load(`search/lines/${block}.sbx`).then((bytes) => decoder.decode(bytes).split("\n")));
    return blocks.get(block).then((rows) => {
      const fields = (rows[hit.line - number * size] || "").split("\t");
      return fields.length >= 4 ? { time: fields[0], nick: fields[1], kind: KINDS[fields[2]] || "message", text: fields.slice(3).join(" ") } : null;
    });
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The text with the query's words marked.
  function marked(text, terms) {
    const out = element("bdi", "text");
    let at = 0;
    for (const match of text.matchAll(WORD)) {
      if (!terms.has(match[0].toLowerCase())) continue;
      out.append(text.slice(at, match.index), element("mark", "", match[0]));
      at = match.index + match[0].length;
    }
    out.append(text.slice(at));
    return out;
  }

  // The hits as links under their logs' names at once; each line's time, speaker and text
  // fill in as its block arrives. The answer: a promise per hit, in order.
  function render(meta, names, hits, terms, list) {
    let group = null, groupFile = -1;
    const filled = [];
    for (const hit of hits) {
      const file = names.get(hit.file);
      if (!file) continue;
      if (hit.file !== groupFile) {
        const article = element("article", "hit-log");
        const heading = element("h2");
        const link = element("a", "", [file.date || file.source.split("/").pop(), file.title].filter(Boolean).join(" · "));
        link.href = href(file.page);
        heading.append(link);
        if (file.channel) heading.append(" ", element("span", "channel", file.channel));
        group = element("ol", "hit-lines");
        article.append(heading, group);
        list.append(article);
        groupFile = hit.file;
      }
      const item = element("li", "hit");
      const link = element("a");
      link.href = `${href(file.page)}#L${hit.line}`;
      link.append(element("span", "lineno", String(hit.line)), " ");
      item.append(link);
      group.append(item);
      filled.push(shownLine(meta, hit).then((line) => {
        if (!line) return;
        item.classList.add(`kind-${line.kind}`);
        if (line.time) link.append(element("time", "time", line.time), " ");
        if (line.nick) link.append(element("bdi", "nick", line.kind === "action" ? `* ${line.nick}` : line.nick), " ");
        link.append(marked(line.text, terms));
      }));
    }
    return filled;
  }

  async function run() {
    box.hidden = false;
    box.replaceChildren(element("p", "status", "Searching…"));
    // The index's meta is in the page (`scrollback site` writes both): the first fetches are
    // the chunks of the query's terms.
    const meta = JSON.parse(document.getElementById("search-meta")?.textContent || "null");
    if (!meta || meta.version !== 2) throw new Error("this page holds no search index of a version this script reads");
    const terms = queryTerms(query);
    const asked = Promise.all(terms.map((term) => termEntry(meta, term)));
    // A frequent term's newest page, asked for with its chunk (a rare term has none: that
    // request finds nothing, and costs no round).
    for (const term of terms) load(`search/postings/${stemOf(term)}-newest.sbx`).catch(() => {});
    // The newest logs' names, which the first hits (newest first) nearly always need, come
    // with the terms rather than with the hits' lines.
    if (terms.length && meta.files) load(`search/files/${Math.floor((meta.files - 1) / meta.files_per_part)}.sbx`).catch(() => {});
    const entries = await asked;
    const status = element("p", "status");
    const list = element("div", "hit-list");
    const back = element("a", "all-logs", "All logs");
    back.href = location.pathname;
    box.replaceChildren(status, back, list);
    if (!terms.length || entries.some((entry) => !entry)) {
      status.textContent = `No line holds every word of “${query}”.`;
      return finish(0);
    }
    entries.sort((a, b) => a.count - b.count);
    const words = new Set(terms.filter((term) => !term.startsWith("from:")));
    let total = 0;
    const cursor = { page: Math.max(entries[0].pages.length, 1) - 1, logs: [], waiting: [] };
    const more = async () => {
      const hits = await collect(entries, cursor);
      // The logs' names first, then the blocks in the hits' order: a browser opens a few
      // connections to a host at a time, so the first hits' lines come in its first round.
      const names = namesOf(meta, hits);
      for (const hit of hits) shownLine(meta, hit).catch(() => {});
      const filled = render(meta, await names, hits, words, list);
      filled[0]?.then(() => performance.mark("scrollback:search-first-hit"));
      total += hits.length;
      const next = cursor.waiting.length || cursor.logs.length || cursor.page >= 0 ? 0 : -1;
      const plus = next >= 0 ? "+" : "";
      status.textContent = total === 1 && !plus ? `1 line holds “${query}”.` : total ? `${total}${plus} lines hold “${query}”, newest first.` : `No line holds every word of “${query}”.`;
      box.querySelector("button.more")?.remove();
      if (next >= 0) {
        const button = element("button", "more", "More hits");
        button.type = "button";
        button.addEventListener("click", () => more());
        box.append(button);
      }
      await Promise.all(filled);
      return hits.length;
    };
    finish(await more());
  }

  function finish(count) {
    const root = document.documentElement.dataset;
    root.searchHits = String(count);
    root.searchMs = String(Math.round(performance.now() - started));
    root.searchBytes = String(fetchedBytes);
    performance.mark("scrollback:search-hits");
  }

  run().catch((error) => {
    box.hidden = false;
    box.replaceChildren(element("p", "problem", `The search index could not be read: ${error.message}`));
    document.documentElement.dataset.searchError = error.message;
  });
})();
